import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * Streaming XML for goAML files: saxes does the XML (well-formedness, entities,
 * positions); this file only groups its events into small element trees, one
 * per *unit* (a header field, a transaction, a report party), handed over as
 * soon as the unit's closing tag is read and then forgotten. A bulk file of a
 * million transactions never holds more than one transaction's elements, so
 * memory stays bounded whatever the file size.
 */

/** One element of a unit: leaf text, or child elements in document order. */
export interface XmlElement {
  name: string;
  /** 1-based line and column of the element's start tag, for messages and provenance. */
  line: number;
  column: number;
  /** 1-based position among same-named siblings. */
  ordinal: number;
  /** The enclosing element inside the unit; null for the unit itself, whose container path is `prefix`. */
  parent: XmlElement | null;
  prefix: string;
  text: string;
  children: XmlElement[];
}

/**
 * `/report[1]/transaction[37]/t_from_my_client[1]`: every step with its 1-based
 * ordinal. Worked out on demand (provenance, messages) rather than stored on
 * each of the millions of elements a bulk file has.
 */
export function elementPath(element: XmlElement): string {
  const own = `/${element.name}[${element.ordinal}]`;
  return element.parent ? elementPath(element.parent) + own : element.prefix + own;
}

/** A malformed file: names the file, line and column (saxes' own position). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
    /** 'refused': well-formed as far as read, but past a bound (depth, size) or something these formats never hold (a DOCTYPE, a namespace). */
    readonly kind: 'malformed' | 'refused' = 'malformed',
    /** The detail in Spanish, where this reader wrote it (saxes' own messages stay in English). */
    readonly detailEs?: string,
  ) {
    super(`${file}, line ${line}, column ${column}: ${detail}`);
    this.name = 'XmlSyntaxError';
  }
}

/** Limits that keep a hostile or broken file from growing one unit without end. */
export interface XmlLimits {
  /** Characters of text in one element (goAML's longest free texts are a few thousand). */
  maxText: number;
  /** Elements in one unit (a transaction with many signatories is a few hundred). */
  maxUnitElements: number;
  maxDepth: number;
  /**
   * Characters saxes may read without finishing a token (a tag with its
   * attributes, a text run, a comment, a processing instruction). saxes keeps
   * a token whole until it ends, so without this a 200 MB attribute, comment
   * or text node between units is held in memory and only judged at its end.
   * Checked after each piece fed, so the bound is this plus one piece.
   */
  maxToken: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxText: 64 * 1024, maxUnitElements: 20_000, maxDepth: 64, maxToken: 1024 * 1024 };

export interface UnitHandler {
  /** Called at each element's start tag with the path of open elements (names only). Return true to make it a unit. */
  isUnit(name: string, ancestors: readonly string[]): boolean;
  /** An element that is not inside a unit opened (the root, containers such as `report`). */
  onContainerOpen?(element: { name: string; path: string; line: number; column: number; depth: number; attributes: Readonly<Record<string, string>> }): void;
  onContainerClose?(element: { name: string; path: string; depth: number }): void;
  onUnit(unit: XmlElement, ancestors: readonly string[]): void;
}

interface OpenFrame {
  name: string;
  /** Containers only (elements inside a unit work theirs out on demand). */
  path: string;
  /** Ordinals of child names seen so far under this element; made at its first child (leaves have none). */
  childCounts: Map<string, number> | null;
  element: XmlElement | null;
}

/**
 * Feeds decoded text to saxes and calls the handler per unit. Text outside
 * units (whitespace between elements) is ignored; text directly inside a
 * container other than whitespace is ignored too, as goAML has none.
 */
export class UnitReader {
  private readonly parser: SaxesParser;
  private readonly stack: OpenFrame[] = [];
  private readonly names: string[] = [];
  private unitRoot: XmlElement | null = null;
  private unitDepth = -1;
  private unitElements = 0;
  private failure: Error | null = null;
  private rootSeen = false;
  /** Characters fed since saxes last finished a token (see XmlLimits.maxToken). */
  private sinceToken = 0;

  constructor(
    private readonly fileName: string,
    private readonly handler: UnitHandler,
    private readonly limits: XmlLimits = DEFAULT_XML_LIMITS,
  ) {
    this.parser = new SaxesParser({ position: true });
    this.parser.on('error', (error) => {
      throw this.syntaxError(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, ''));
    });
    this.parser.on('doctype', () => {
      // goAML files carry no DTD; refusing one closes the door on entity tricks saxes would reject later anyway.
      throw this.overLimit('a DOCTYPE declaration is not allowed in a goAML report', 'un reporte goAML no admite una declaración DOCTYPE');
    });
    this.parser.on('opentag', (tag) => {
      this.sinceToken = 0;
      this.open(tag);
    });
    this.parser.on('closetag', () => {
      this.sinceToken = 0;
      this.closeTag();
    });
    this.parser.on('text', (text) => {
      this.sinceToken = 0;
      this.text(text);
    });
    this.parser.on('cdata', (text) => {
      this.sinceToken = 0;
      this.text(text);
    });
    // Comments, processing instructions and the declaration finish tokens too (their content is not kept).
    const tokenEnded = () => {
      this.sinceToken = 0;
    };
    this.parser.on('comment', tokenEnded);
    this.parser.on('processinginstruction', tokenEnded);
    this.parser.on('xmldecl', tokenEnded);
  }

  private syntaxError(detail: string, detailEs?: string): XmlSyntaxError {
    // saxes' column is 0-based and points after the offending character; people count from 1.
    return new XmlSyntaxError(this.fileName, this.parser.line, Math.max(1, this.parser.column), detail, 'malformed', detailEs);
  }

  private overLimit(detail: string, detailEs: string): XmlSyntaxError {
    return new XmlSyntaxError(this.fileName, this.parser.line, Math.max(1, this.parser.column), detail, 'refused', detailEs);
  }

  private open(tag: SaxesTagPlain): void {
    const parent = this.stack.at(-1);
    const name = tag.name;
    // goAML's and the UN list's schemas have no namespace: <x:transaction> is not their element, and reading past it would import nothing without a word.
    if (name.includes(':')) throw this.overLimit(`<${name}> carries a namespace prefix; the elements of this format have none`, `<${name}> lleva un prefijo de espacio de nombres; los elementos de este formato no lo tienen`);
    if (!parent) {
      if (this.rootSeen) throw this.syntaxError('more than one root element', 'más de un elemento raíz');
      this.rootSeen = true;
    }
    if (this.stack.length >= this.limits.maxDepth) throw this.overLimit(`<${name}> is nested deeper than ${this.limits.maxDepth} levels`, `<${name}> está anidado a más de ${this.limits.maxDepth} niveles`);
    let ordinal = 1;
    if (parent) {
      parent.childCounts ??= new Map();
      ordinal = (parent.childCounts.get(name) ?? 0) + 1;
      parent.childCounts.set(name, ordinal);
    }
    // The start tag's position: saxes has just read its '>'; the line is right for any tag on one line.
    const line = this.parser.line;
    const column = Math.max(1, this.parser.column);
    let element: XmlElement | null = null;
    let path = '';
    if (this.unitRoot) {
      this.unitElements += 1;
      if (this.unitElements > this.limits.maxUnitElements) throw this.overLimit(`more than ${this.limits.maxUnitElements} elements inside one <${this.unitRoot.name}>`, `más de ${this.limits.maxUnitElements} elementos dentro de un <${this.unitRoot.name}>`);
      const container = parent?.element as XmlElement;
      element = { name, line, column, ordinal, parent: container, prefix: '', text: '', children: [] };
      container.children.push(element);
    } else if (this.handler.isUnit(name, this.names)) {
      element = { name, line, column, ordinal, parent: null, prefix: parent?.path ?? '', text: '', children: [] };
      this.unitRoot = element;
      this.unitDepth = this.stack.length;
      this.unitElements = 1;
    } else {
      path = `${parent?.path ?? ''}/${name}[${ordinal}]`;
      this.handler.onContainerOpen?.({ name, path, line, column, depth: this.stack.length, attributes: tag.attributes });
    }
    this.stack.push({ name, path, childCounts: null, element });
    this.names.push(name);
  }

  private closeTag(): void {
    const frame = this.stack.pop() as OpenFrame;
    this.names.pop();
    if (this.unitRoot && this.stack.length === this.unitDepth) {
      const unit = this.unitRoot;
      this.unitRoot = null;
      this.unitDepth = -1;
      this.handler.onUnit(unit, this.names);
    } else if (!frame.element) {
      this.handler.onContainerClose?.({ name: frame.name, path: frame.path, depth: this.stack.length });
    }
  }

  private text(text: string): void {
    const element = this.stack.at(-1)?.element;
    if (!element) return;
    if (element.text.length + text.length > this.limits.maxText) throw this.overLimit(`the text of <${element.name}> is longer than ${this.limits.maxText} characters`, `el texto de <${element.name}> supera los ${this.limits.maxText} caracteres`);
    element.text += text;
  }

  /** Parses one piece of the file's text; throws XmlSyntaxError or whatever the handler throws. */
  write(chunk: string): void {
    if (this.failure) throw this.failure;
    try {
      this.parser.write(chunk);
      this.sinceToken += chunk.length;
      if (this.sinceToken > this.limits.maxToken) {
        const open = this.stack.at(-1)?.name;
        throw this.overLimit(
          `more than ${this.limits.maxToken.toLocaleString('en')} characters without the end of a tag, text, comment or instruction${open ? ` inside <${open}>` : ''} (a huge attribute, comment or text), stopped before reading it whole`,
          `más de ${this.limits.maxToken.toLocaleString('es')} caracteres sin que termine una etiqueta, texto, comentario o instrucción${open ? ` dentro de <${open}>` : ''} (un atributo, comentario o texto enorme), detenido antes de leerlo entero`,
        );
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    }
  }

  /** The end of the file: an unclosed element or an empty file is an error. */
  close(): void {
    if (this.failure) throw this.failure;
    if (!this.rootSeen) throw new XmlSyntaxError(this.fileName, this.parser.line, Math.max(1, this.parser.column), 'the file holds no XML element', 'malformed', 'el archivo no contiene ningún elemento XML');
    this.parser.close();
  }
}

/** The first child named `name`. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}
