import { UnitReader, XmlSyntaxError, type XmlElement } from '../../interop/goaml/xml';
import { countryCode } from '../countries';
import type { ListEntry, ListedId, ListedName, ParsedList, PartialDate } from '../types';
import { ListImportError, isoDay, parsePartialDate, type ListFile } from './common';

/**
 * The UN Security Council consolidated list, read as a stream with saxes (the
 * project's one XML library, shared with goAML through its UnitReader): each
 * INDIVIDUAL or ENTITY is one small element tree, handed over at its closing
 * tag and then forgotten. saxes checks well-formedness; the reader caps text
 * per element, elements per entry and nesting depth, and names the element
 * and position of anything it refuses.
 */

/** Text pieces fed to saxes (it parses 64 KB pieces several times faster than megabyte ones). */
const SAX_PIECE = 64 * 1024;

/** Caps for one entry: the UN's longest free texts (COMMENTS1) are a few thousand characters. */
const UN_LIMITS = { maxText: 64 * 1024, maxUnitElements: 5_000, maxDepth: 16, maxToken: 1024 * 1024 };

export function looksLikeUnXml(head: string): boolean {
  return /<CONSOLIDATED_LIST[\s>/]/.test(head.slice(0, 4096));
}

const children = (element: XmlElement | undefined, name: string): XmlElement[] => element?.children.filter((c) => c.name === name) ?? [];

/** The trimmed text of the first child named `name`, undefined when absent or empty. */
function text(element: XmlElement | undefined, name: string): string | undefined {
  for (const c of element?.children ?? []) {
    if (c.name !== name) continue;
    const value = c.text.trim();
    if (value) return value;
  }
  return undefined;
}

/** `<NATIONALITY><VALUE>…</VALUE><VALUE>…</VALUE></NATIONALITY>` (repeated or not) as texts. */
const values = (element: XmlElement, name: string): string[] =>
  children(element, name)
    .flatMap((c) => children(c, 'VALUE'))
    .map((v) => v.text.trim())
    .filter((v) => v !== '');

function birthDates(node: XmlElement): PartialDate[] {
  const out: PartialDate[] = [];
  for (const dob of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const type = (text(dob, 'TYPE_OF_DATE') ?? '').toUpperCase();
    const approximate = type.startsWith('APPROX');
    const date = text(dob, 'DATE');
    const year = text(dob, 'YEAR');
    const from = text(dob, 'FROM_YEAR');
    const to = text(dob, 'TO_YEAR');
    let parsed: PartialDate | undefined;
    if (from && to) parsed = parsePartialDate(`${from} to ${to}`);
    else if (date) parsed = parsePartialDate(date);
    else if (year) parsed = parsePartialDate(year);
    if (parsed) out.push(approximate ? { ...parsed, approximate: true } : parsed);
  }
  return out;
}

function documents(node: XmlElement): ListedId[] {
  const out: ListedId[] = [];
  for (const doc of children(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = text(doc, 'NUMBER');
    if (!number) continue;
    const type = text(doc, 'TYPE_OF_DOCUMENT') ?? text(doc, 'TYPE_OF_DOCUMENT2');
    const country = countryCode(text(doc, 'ISSUING_COUNTRY') ?? text(doc, 'COUNTRY_OF_ISSUE'));
    out.push({ number, ...(type ? { type } : {}), ...(country ? { country } : {}) });
  }
  return out;
}

function place(node: XmlElement): string {
  return ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((field) => text(node, field)).filter(Boolean).join(', ');
}

function aliases(node: XmlElement, field: string): ListedName[] {
  return children(node, field).flatMap((alias) => {
    const name = text(alias, 'ALIAS_NAME');
    if (!name) return [];
    const quality = (text(alias, 'QUALITY') ?? '').toLowerCase();
    return [{ name, quality: quality === 'low' ? ('weak' as const) : ('strong' as const) }];
  });
}

/**
 * The UN Security Council consolidated list (XML): individuals with their
 * four name parts, aliases (UN quality "Low" counts as a weak alias), dates
 * of birth (exact, approximate, ranges of years), documents and
 * nationalities; entities with their aliases and addresses. The entry id is
 * REFERENCE_NUMBER; DATAID is kept beside it.
 */
export function parseUnXml(file: ListFile): ParsedList {
  // The UN list has no DTD; a DOCTYPE (entity declarations, external entities) is refused before saxes reads one.
  const prolog = file.text.slice(0, Math.max(0, file.text.search(/<CONSOLIDATED_LIST[\s>/]/)) || 65536);
  if (/<!DOCTYPE/i.test(prolog) || /<!ENTITY/i.test(file.text.slice(0, 65536))) {
    throw new ListImportError(file.name, 'DOCTYPE', 'the file declares a DOCTYPE or XML entities, which the UN list never does; refused', {
      message: 'el archivo declara un DOCTYPE o entidades XML, algo que la lista de la ONU nunca hace; se rechaza',
    });
  }
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  let generated: string | undefined;
  let rootSeen = false;
  const positions = { INDIVIDUAL: 0, ENTITY: 0 };

  const common = (node: XmlElement, element: string, position: number): Omit<ListEntry, 'kind' | 'names'> | undefined => {
    const reference = text(node, 'REFERENCE_NUMBER');
    const dataId = text(node, 'DATAID');
    if (!reference && !dataId) {
      warnings.push(`${file.name}, ${element} #${position} (line ${node.line}): no REFERENCE_NUMBER or DATAID; entry left out`);
      return undefined;
    }
    const listedOn = isoDay(text(node, 'LISTED_ON'));
    const listType = text(node, 'UN_LIST_TYPE');
    return {
      id: reference ?? `DATAID:${dataId as string}`,
      ...(dataId ? { secondaryId: dataId } : {}),
      birthDates: [],
      nationalities: [],
      ids: [],
      ...(listedOn ? { listedOn } : {}),
      tags: listType ? [listType] : [],
      placesOfBirth: [],
      addresses: [],
      location: `${element} #${position}${reference ? ` (${reference})` : ''}`,
    };
  };

  const onIndividual = (node: XmlElement) => {
    const base = common(node, 'INDIVIDUAL', ++positions.INDIVIDUAL);
    if (!base) return;
    const primary = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((field) => text(node, field)).filter(Boolean).join(' ');
    const names: ListedName[] = [];
    if (primary) names.push({ name: primary, quality: 'primary' });
    const original = text(node, 'NAME_ORIGINAL_SCRIPT');
    if (original) names.push({ name: original, quality: 'strong' });
    names.push(...aliases(node, 'INDIVIDUAL_ALIAS'));
    if (names.length === 0) {
      warnings.push(`${file.name}, ${base.location}: no name; entry left out`);
      return;
    }
    entries.push({
      ...base,
      kind: 'person',
      names,
      birthDates: birthDates(node),
      nationalities: values(node, 'NATIONALITY').map((n) => countryCode(n) ?? n),
      ids: documents(node),
      placesOfBirth: children(node, 'INDIVIDUAL_PLACE_OF_BIRTH').map(place).filter(Boolean),
      addresses: children(node, 'INDIVIDUAL_ADDRESS').map(place).filter(Boolean),
    });
  };

  const onEntity = (node: XmlElement) => {
    const base = common(node, 'ENTITY', ++positions.ENTITY);
    if (!base) return;
    const primary = text(node, 'FIRST_NAME');
    const names: ListedName[] = primary ? [{ name: primary, quality: 'primary' }] : [];
    names.push(...aliases(node, 'ENTITY_ALIAS'));
    if (names.length === 0) {
      warnings.push(`${file.name}, ${base.location}: no name; entry left out`);
      return;
    }
    entries.push({ ...base, kind: 'company', names, addresses: children(node, 'ENTITY_ADDRESS').map(place).filter(Boolean) });
  };

  const reader = new UnitReader(
    file.name,
    {
      // One unit per listed individual or entity; everything else is a container passed through.
      isUnit: (name, ancestors) => ancestors.length === 2 && ((name === 'INDIVIDUAL' && ancestors[1] === 'INDIVIDUALS') || (name === 'ENTITY' && ancestors[1] === 'ENTITIES')),
      onContainerOpen(element) {
        if (element.depth !== 0) return;
        if (element.name !== 'CONSOLIDATED_LIST') throw new ListImportError(file.name, `line ${element.line}, root element`, `expected CONSOLIDATED_LIST, found <${element.name}>`, {
            where: `línea ${element.line}, elemento raíz`,
            message: `se esperaba CONSOLIDATED_LIST; se encontró <${element.name}>`,
          });
        rootSeen = true;
        generated = isoDay(element.attributes.dateGenerated);
      },
      onUnit(unit) {
        if (unit.name === 'INDIVIDUAL') onIndividual(unit);
        else onEntity(unit);
      },
    },
    UN_LIMITS,
  );
  try {
    for (let start = 0; start < file.text.length; ) {
      let end = Math.min(file.text.length, start + SAX_PIECE);
      const last = file.text.charCodeAt(end - 1);
      // Never split a surrogate pair between two pieces.
      if (end < file.text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      reader.write(file.text.slice(start, end));
      start = end;
    }
    reader.close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ListImportError(file.name, `line ${error.line}, column ${error.column}`, `${error.detail} — ${error.kind === 'refused' ? 'refused' : 'not well-formed XML'}; nothing was imported`, {
        where: `línea ${error.line}, columna ${error.column}`,
        message: `${error.detailEs ?? error.detail} — ${error.kind === 'refused' ? 'se rechaza' : 'XML mal formado'}; no se importó nada`,
      });
    throw error;
  }
  if (!rootSeen) throw new ListImportError(file.name, 'root element', 'expected CONSOLIDATED_LIST', { where: 'elemento raíz', message: 'se esperaba CONSOLIDATED_LIST' });
  if (entries.length === 0) throw new ListImportError(file.name, 'INDIVIDUALS/ENTITIES', 'no entries with a name and a reference number', { message: 'no hay entradas con nombre y número de referencia' });
  return { format: 'un-xml', name: 'UN Security Council consolidated list', ...(generated ? { publishedOn: generated } : {}), entries, warnings };
}
