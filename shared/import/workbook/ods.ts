import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { StatementFileError } from '../statement/errors';
import type { Cell } from '../statement/table';
import { textDecoder } from '../../runtime';
import { cellName, unzipWorkbook, WORKBOOK_LIMITS } from './common';
import type { Workbook, WorkbookSheet } from './read';
import type { LocalizedText } from '../../model';

/**
 * OpenDocument spreadsheets (.ods, what LibreOffice writes and Ecuador's
 * public sector must use), read into the same typed cells as an .xlsx: numbers
 * (float, percentage, currency: `office:value`) as numbers, dates
 * (`office:date-value`) and times (`office:time-value`, a duration) as Dates in
 * UTC the way read-excel-file gives Excel's date and time cells, booleans as
 * booleans, text from the cell's paragraphs, formulas as the value LibreOffice
 * last computed (never evaluated), error results as empty (as in .xlsx).
 *
 * The zip is unpacked by unzipWorkbook (common.ts) with the .xlsx checks;
 * content.xml is decoded as strict UTF-8 in pieces and read by saxes as a
 * stream of events, so no tree of the document is ever held: only the rows.
 *
 * An .ods states repeats instead of spelling cells out: LibreOffice ends every
 * row with `number-columns-repeated="16384"` empty cells and every sheet with
 * `number-rows-repeated="1048000"` empty rows. Empty cells and rows are only
 * counted, and made when a non-empty one follows them; a repeated non-empty
 * cell or row is checked against the cell limits before it is copied (a
 * 200-byte row can declare a billion copies of a value).
 *
 * Refused, naming the file and the part, sheet, row or cell: a mimetype that is
 * not a spreadsheet's, a password-protected file (its manifest lists
 * encryption data; content.xml is then not XML), a missing content.xml, a
 * DOCTYPE (entity tricks), bytes that are not UTF-8, a cell text or any token
 * past maxCellChars, nesting past maxXmlDepth, more than maxTagsPerPart
 * elements, a sheet past maxRowsPerSheet or maxCellsPerSheet, all sheets past
 * maxCellsPerWorkbook, and values that contradict their declared type.
 */

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  calcext: 'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
} as const;

const ODS_MIMETYPES = ['application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet-template'];

/** What the other OpenDocument kinds are, for the analyst who renamed one. */
const OTHER_KINDS: Record<string, LocalizedText> = {
  text: { en: 'an OpenDocument text document (.odt)', es: 'un documento de texto OpenDocument (.odt)' },
  presentation: { en: 'an OpenDocument presentation (.odp)', es: 'una presentación OpenDocument (.odp)' },
  graphics: { en: 'an OpenDocument drawing (.odg)', es: 'un dibujo OpenDocument (.odg)' },
  chart: { en: 'an OpenDocument chart (.odc)', es: 'un gráfico OpenDocument (.odc)' },
  formula: { en: 'an OpenDocument formula (.odf)', es: 'una fórmula OpenDocument (.odf)' },
  database: { en: 'an OpenDocument database (.odb)', es: 'una base de datos OpenDocument (.odb)' },
};

/** Characters of content.xml decoded and handed to saxes at a time (saxes is slower on large pieces). */
const PIECE_BYTES = 64 * 1024;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DATE_VALUE = /^(-?\d{4,6})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME_VALUE = /^(-)?P(?:(\d{1,6})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9}(?:\.\d{1,9})?)S)?)?$/;
const DOUBLE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const REPEAT = /^[1-9]\d{0,14}$/;

interface Place {
  en: string;
  es: string;
}

/** A value that contradicts its declared type, or a declared type OpenDocument does not have: said at the cell. */
class CellProblem extends Error {
  constructor(
    readonly en: string,
    readonly es: string,
  ) {
    super(en);
  }
}

/** The attributes of a cell that say its value, taken in one pass over the tag (a sheet has millions of cells). */
interface CellAttributes {
  valueType?: string;
  value?: string;
  dateValue?: string;
  timeValue?: string;
  booleanValue?: string;
  stringValue?: string;
  /** LibreOffice's own value type: 'error' for a formula's error result. */
  calcextType?: string;
  columnsRepeated?: string;
}

function cellAttributes(tag: SaxesTagNS): CellAttributes {
  const found: CellAttributes = {};
  for (const name in tag.attributes) {
    const { uri, local, value } = tag.attributes[name] as SaxesAttributeNS;
    if (uri === NS.office) {
      if (local === 'value-type') found.valueType = value;
      else if (local === 'value') found.value = value;
      else if (local === 'date-value') found.dateValue = value;
      else if (local === 'time-value') found.timeValue = value;
      else if (local === 'boolean-value') found.booleanValue = value;
      else if (local === 'string-value') found.stringValue = value;
    } else if (uri === NS.table && local === 'number-columns-repeated') found.columnsRepeated = value;
    else if (uri === NS.calcext && local === 'value-type') found.calcextType = value;
  }
  return found;
}

function attribute(tag: SaxesTagNS, uri: string, local: string): string | undefined {
  for (const name in tag.attributes) {
    const candidate = tag.attributes[name] as SaxesAttributeNS;
    if (candidate.local === local && candidate.uri === uri) return candidate.value;
  }
  return undefined;
}

function parseNumber(text: string | undefined): number {
  if (text === undefined) throw new CellProblem('it declares a number but has no office:value', 'declara un número pero no tiene office:value');
  const trimmed = text.trim();
  if (DOUBLE.test(trimmed)) return Number(trimmed);
  if (trimmed === 'INF' || trimmed === '+INF') return Number.POSITIVE_INFINITY;
  if (trimmed === '-INF') return Number.NEGATIVE_INFINITY;
  if (trimmed === 'NaN') return Number.NaN;
  throw new CellProblem(`its value '${trimmed.slice(0, 40)}' is not the number the cell declares`, `su valor '${trimmed.slice(0, 40)}' no es el número que declara la celda`);
}

/** `2026-02-02` or `2026-02-02T10:30:00[.5][Z|-05:00]`, as the instant in UTC (a date without a zone is taken as UTC, as read-excel-file takes Excel's). */
function parseDate(text: string | undefined): Date {
  const match = text === undefined ? null : DATE_VALUE.exec(text.trim());
  if (!match) throw new CellProblem(`its date value '${(text ?? '').slice(0, 40)}' is not an ISO date`, `su valor de fecha '${(text ?? '').slice(0, 40)}' no es una fecha ISO`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match as unknown as string[];
  const date = new Date(Date.UTC(2000, Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Math.round(Number(`0.${fraction || '0'}`) * 1000)));
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  const valid = !Number.isNaN(date.getTime()) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) && Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60;
  if (!valid) throw new CellProblem(`its date value '${(text as string).slice(0, 40)}' is not a day of the calendar`, `su valor de fecha '${(text as string).slice(0, 40)}' no es un día del calendario`);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    return new Date(date.getTime() - offset);
  }
  return date;
}

/** `PT12H30M00S` (a time of day, or a duration past 24 h) as Excel's serial time reads: that long after 1899-12-30T00:00Z. */
function parseTime(text: string | undefined): Date {
  const match = text === undefined ? null : TIME_VALUE.exec(text.trim());
  if (!match || match.slice(2).every((part) => part === undefined)) throw new CellProblem(`its time value '${(text ?? '').slice(0, 40)}' is not a duration like PT12H30M00S`, `su valor de hora '${(text ?? '').slice(0, 40)}' no es una duración como PT12H30M00S`);
  const [, negative, days = '0', hours = '0', minutes = '0', seconds = '0'] = match as unknown as string[];
  const ms = Math.round((((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
  const date = new Date(EXCEL_EPOCH + (negative ? -ms : ms));
  if (Number.isNaN(date.getTime())) throw new CellProblem(`its time value '${(text as string).slice(0, 40)}' is out of range`, `su valor de hora '${(text as string).slice(0, 40)}' está fuera de rango`);
  return date;
}

function parseBoolean(text: string | undefined): boolean {
  const value = text?.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new CellProblem(`its value '${(value ?? '').slice(0, 40)}' is not the true or false the cell declares`, `su valor '${(value ?? '').slice(0, 40)}' no es el verdadero o falso que declara la celda`);
}

/** A cell being read: its typed value from the start tag's attributes, or its text once its paragraphs are read. */
interface OpenCell {
  column: number;
  repeat: number;
  attributes: CellAttributes;
  paragraphs: string[];
  /** The paragraph being read, or null between paragraphs. */
  paragraph: string | null;
  /** Whether the paragraph so far ends in a space from the XML text (the next run's leading white space collapses into it, as ODF says). */
  collapsible: boolean;
  chars: number;
}

/** Reads an .ods file's sheets, or throws a StatementFileError naming the file and where. */
export function readOds(bytes: Uint8Array, fileName: string): Workbook {
  const fail = (message: string, spanish: string): never => {
    throw new StatementFileError('workbook', message, { file: fileName }, spanish);
  };
  const parts = unzipWorkbook(bytes, fileName, 'ods', (name) => name === 'mimetype' || name === 'content.xml' || name === 'META-INF/manifest.xml');

  const mimetype = parts.mimetype ? textDecoder('latin1').decode(parts.mimetype.subarray(0, 200)).trim() : '';
  if (!ODS_MIMETYPES.includes(mimetype)) {
    const other = /^application\/vnd\.oasis\.opendocument\.([a-z]+)/.exec(mimetype)?.[1];
    const kind = other ? OTHER_KINDS[other] : undefined;
    if (kind) fail(`this is ${kind.en}, not a spreadsheet (its mimetype entry says ${mimetype}); refused`, `es ${kind.es}, no una hoja de cálculo (su entrada mimetype dice ${mimetype}); se rechaza`);
    fail(
      `not an OpenDocument spreadsheet: its mimetype entry says '${mimetype.slice(0, 80)}' instead of ${ODS_MIMETYPES[0]}; refused`,
      `no es una hoja OpenDocument: su entrada mimetype dice '${mimetype.slice(0, 80)}' en vez de ${ODS_MIMETYPES[0]}; se rechaza`,
    );
  }
  const manifest = parts['META-INF/manifest.xml'];
  // LibreOffice's "Save with password" encrypts content.xml and lists how in the manifest (<manifest:encryption-data>).
  if (manifest && /<(?:[\w.-]+:)?encryption-data\b/.test(textDecoder('latin1').decode(manifest))) {
    fail(
      'the spreadsheet is password-protected (encrypted); open it in LibreOffice with its password, choose File › Save As…, untick "Save with password", save it and import it again',
      'la hoja está protegida con contraseña (cifrada); ábrala en LibreOffice con su contraseña, elija Archivo › Guardar como…, desmarque «Guardar con contraseña», guárdela e impórtela de nuevo',
    );
  }
  const content = parts['content.xml'];
  if (!content) return fail('the spreadsheet has no content.xml (the part that holds its sheets); refused', 'la hoja no tiene content.xml (la parte que contiene sus hojas); se rechaza');
  return readContent(content, fileName);
}

function readContent(content: Uint8Array, fileName: string): Workbook {
  const limits = WORKBOOK_LIMITS;
  const sheets: WorkbookSheet[] = [];
  /** Cells of the sheets read so far (rows × width each, as made dense). */
  let totalCells = 0;
  let tags = 0;
  let depth = 0;
  let sinceToken = 0;
  let rootSeen = false;
  let spreadsheetDepth = -1;
  /** Depth of an element whose content is not read (an annotation, a drawing, a sub-table), or -1. */
  let skipDepth = -1;

  let sheet: WorkbookSheet | null = null;
  let sheetDepth = -1;
  let sheetWidth = 0;
  /** Empty rows read since the last non-empty one: made only when a non-empty row follows. */
  let pendingRows = 0;

  let row: Cell[] | null = null;
  let rowDepth = -1;
  let rowRepeat = 1;
  /** The next cell's 1-based column, counting empty cells not made (yet). */
  let nextColumn = 1;

  let cell: OpenCell | null = null;
  let cellDepth = -1;
  let paragraphDepth = -1;

  const rowNumber = () => (sheet ? sheet.rows.length + pendingRows + 1 : 0);
  const where = (): Place => {
    if (!sheet) return { en: 'content.xml', es: 'content.xml' };
    const name = `'${sheet.name}'`;
    if (cell) return { en: `sheet ${name}, cell ${cellName(rowNumber(), cell.column)}`, es: `hoja ${name}, celda ${cellName(rowNumber(), cell.column)}` };
    if (row) return { en: `sheet ${name}, row ${rowNumber()}`, es: `hoja ${name}, fila ${rowNumber()}` };
    return { en: `sheet ${name}`, es: `hoja ${name}` };
  };
  const refuse = (en: string, es: string): never => {
    const place = where();
    // Outside any sheet the place is content.xml itself: not said twice when the reason names it.
    if (place.en === 'content.xml' && en.startsWith('content.xml')) throw new StatementFileError('workbook', en, { file: fileName }, es);
    throw new StatementFileError('workbook', `${place.en}: ${en}`, { file: fileName }, `${place.es}: ${es}`);
  };
  /** Where in content.xml the piece being read starts: a malformed spot is said to be in that piece. */
  let pieceOffset = 0;
  const unreadable = (en: string, es: string): never => {
    const place = where();
    const end = Math.min(content.length, pieceOffset + PIECE_BYTES);
    const near = { en: `between bytes ${pieceOffset.toLocaleString('en')} and ${end.toLocaleString('en')}`, es: `entre los bytes ${pieceOffset.toLocaleString('es')} y ${end.toLocaleString('es')}` };
    throw new StatementFileError(
      'workbook',
      `not a readable .ods spreadsheet (content.xml, ${place.en === 'content.xml' ? near.en : `${place.en}, ${near.en}`}: ${en})`,
      { file: fileName },
      `no es una hoja .ods legible (content.xml, ${place.es === 'content.xml' ? near.es : `${place.es}, ${near.es}`}: ${es})`,
    );
  };
  const tooLong = () =>
    refuse(
      `a cell text or tag longer than ${limits.maxCellChars.toLocaleString('en')} characters (the limit per cell, as for a CSV line); refused`,
      `un texto de celda o etiqueta de más de ${limits.maxCellChars.toLocaleString('es')} caracteres (el límite por celda, como para una línea CSV); se rechaza`,
    );
  const tooManyCells = (rows: number, columns: number) =>
    refuse(
      `the sheet would hold ${rows.toLocaleString('en')} rows × ${columns.toLocaleString('en')} columns; the limit is ${limits.maxCellsPerSheet.toLocaleString('en')} cells (repeated cells are counted before they are filled in; a sheet that large imports as CSV: save it as CSV in LibreOffice)`,
      `la hoja tendría ${rows.toLocaleString('es')} filas × ${columns.toLocaleString('es')} columnas; el límite es ${limits.maxCellsPerSheet.toLocaleString('es')} celdas (las celdas repetidas se cuentan antes de rellenarse; una hoja así de grande se importa como CSV: guárdela como CSV en LibreOffice)`,
    );
  const repeatOf = (tag: SaxesTagNS, local: string): number => repeatCount(attribute(tag, NS.table, local), local);
  const repeatCount = (text: string | undefined, local: string): number => {
    if (text === undefined) return 1;
    if (!REPEAT.test(text)) refuse(`table:${local}="${text.slice(0, 40)}" is not a positive whole number`, `table:${local}="${text.slice(0, 40)}" no es un número entero positivo`);
    return Number(text);
  };

  /** Checks that the sheet can grow to `rows` rows of `columns` columns, before anything is copied. */
  const checkSize = (rows: number, columns: number) => {
    if (rows > limits.maxRowsPerSheet) {
      refuse(
        `a non-empty row at row ${rows.toLocaleString('en')}, past the ${limits.maxRowsPerSheet.toLocaleString('en')} rows a sheet may have; refused`,
        `una fila no vacía en la fila ${rows.toLocaleString('es')}, más allá de las ${limits.maxRowsPerSheet.toLocaleString('es')} filas que puede tener una hoja; se rechaza`,
      );
    }
    const width = Math.max(sheetWidth, columns);
    if (rows * width > limits.maxCellsPerSheet) tooManyCells(rows, width);
    if (totalCells + rows * width > limits.maxCellsPerWorkbook) {
      const total = totalCells + rows * width;
      refuse(
        `the workbook would hold ${total.toLocaleString('en')} cells (${totalCells.toLocaleString('en')} in the sheets before this one, and ${rows.toLocaleString('en')} rows × ${width.toLocaleString('en')} columns here); the limit is ${limits.maxCellsPerWorkbook.toLocaleString('en')} cells for all sheets together (repeated cells are counted before they are filled in; import the sheets you need as CSV)`,
        `el libro tendría ${total.toLocaleString('es')} celdas (${totalCells.toLocaleString('es')} en las hojas anteriores, y ${rows.toLocaleString('es')} filas × ${width.toLocaleString('es')} columnas en esta); el límite es ${limits.maxCellsPerWorkbook.toLocaleString('es')} celdas para todas las hojas juntas (las celdas repetidas se cuentan antes de rellenarse; importe como CSV las hojas que necesite)`,
      );
    }
  };

  const openCell = (tag: SaxesTagNS) => {
    const attributes = cellAttributes(tag);
    cell = { column: nextColumn, repeat: repeatCount(attributes.columnsRepeated, 'number-columns-repeated'), attributes, paragraphs: [], paragraph: null, collapsible: true, chars: 0 };
    cellDepth = depth;
  };

  const cellValue = (open: OpenCell): Cell => {
    const found = open.attributes;
    // A formula's error result (#DIV/0!): LibreOffice marks it in its own namespace; read-excel-file gives Excel's as empty.
    if (found.calcextType === 'error') return null;
    switch (found.valueType) {
      case 'float':
      case 'percentage':
      case 'currency':
        return parseNumber(found.value);
      case 'date':
        return parseDate(found.dateValue);
      case 'time':
        return parseTime(found.timeValue);
      case 'boolean':
        return parseBoolean(found.booleanValue);
      case 'string':
      case undefined: {
        // No value type means no value (ODF 19.385), but a cell with text and no type is shown as that text by LibreOffice: keep it, rather than lose what the analyst sees.
        const text = found.valueType === 'string' ? (found.stringValue ?? open.paragraphs.join('\n')) : open.paragraphs.join('\n');
        if (text.length > limits.maxCellChars) tooLong();
        return text === '' ? null : text;
      }
      default:
        throw new CellProblem(`it declares a value type OpenDocument does not have (${found.valueType.slice(0, 40)})`, `declara un tipo de valor que OpenDocument no tiene (${found.valueType.slice(0, 40)})`);
    }
  };

  const closeCell = () => {
    const open = cell as OpenCell;
    let value: Cell;
    try {
      value = cellValue(open);
    } catch (error) {
      if (error instanceof CellProblem) refuse(error.en, error.es);
      throw error;
    }
    if (value !== null && row) {
      const end = open.column - 1 + open.repeat;
      checkSize(rowNumber(), end);
      while (row.length < open.column - 1) row.push(null);
      for (let copy = 0; copy < open.repeat; copy += 1) row.push(value);
      if (end > sheetWidth) sheetWidth = end;
    }
    nextColumn = open.column + open.repeat;
    cell = null;
    cellDepth = -1;
  };

  const closeRow = () => {
    const made = row as Cell[];
    const current = sheet as WorkbookSheet;
    if (made.length === 0) pendingRows += rowRepeat;
    else {
      const last = current.rows.length + pendingRows + rowRepeat;
      checkSize(last, made.length);
      for (; pendingRows > 0; pendingRows -= 1) current.rows.push([]);
      current.rows.push(made);
      for (let copy = 1; copy < rowRepeat; copy += 1) current.rows.push(made.slice());
    }
    row = null;
    rowDepth = -1;
  };

  const closeSheet = () => {
    const current = sheet as WorkbookSheet;
    // Dense like read-excel-file's: every row as wide as the sheet's widest, empty cells null.
    for (const made of current.rows) while (made.length < sheetWidth) made.push(null);
    totalCells += current.rows.length * sheetWidth;
    sheets.push(current);
    sheet = null;
    sheetDepth = -1;
  };

  // No position tracking (it costs time on every character): places are said by sheet, row and cell instead.
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('error', (error) => {
    // saxes' own words (English only), without its position prefix when it gives one.
    const detail = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
    unreadable(detail, detail);
  });
  parser.on('doctype', () =>
    refuse(
      'a DOCTYPE declaration is not allowed in an OpenDocument spreadsheet (LibreOffice never writes one; entity declarations are how XML files attack their readers); refused',
      'una hoja OpenDocument no admite una declaración DOCTYPE (LibreOffice nunca la escribe; las declaraciones de entidades son la forma en que un XML ataca a quien lo lee); se rechaza',
    ),
  );
  parser.on('opentag', (tag) => {
    sinceToken = 0;
    tags += 1;
    if (tags > limits.maxTagsPerPart) {
      refuse(
        `content.xml holds more than ${limits.maxTagsPerPart.toLocaleString('en')} XML elements (the limit for one part of a workbook; LibreOffice writes two or three per cell); refused as a possible zip bomb (a real sheet that large imports as CSV)`,
        `content.xml contiene más de ${limits.maxTagsPerPart.toLocaleString('es')} elementos XML (el límite para una parte de un libro; LibreOffice escribe dos o tres por celda); se rechaza como posible bomba zip (una hoja real así de grande se importa como CSV)`,
      );
    }
    depth += 1;
    if (depth > limits.maxXmlDepth) refuse(`<${tag.name}> is nested deeper than ${limits.maxXmlDepth} levels; refused`, `<${tag.name}> está anidado a más de ${limits.maxXmlDepth} niveles; se rechaza`);
    if (depth === 1) rootSeen = true;
    if (skipDepth >= 0) return;
    const { uri, local } = tag;
    if (cell) {
      if (paragraphDepth < 0) {
        if (depth === cellDepth + 1 && uri === NS.text && (local === 'p' || local === 'h')) {
          paragraphDepth = depth;
          cell.paragraph = '';
          cell.collapsible = true;
        } else skipDepth = depth; // an annotation (comment), a drawing, a sub-table, a detective mark: not the cell's value
        return;
      }
      // Inside a paragraph: text: elements carry text (spans, links, fields); anything else (an annotation, a frame) and footnotes do not.
      if (uri !== NS.text || local === 'note' || local === 'ruby-text') {
        skipDepth = depth;
        return;
      }
      const add = local === 's' ? ' '.repeat(Math.min(spacesOf(tag), limits.maxCellChars + 1)) : local === 'tab' ? '\t' : local === 'line-break' ? '\n' : '';
      if (add !== '') {
        cell.chars += add.length;
        if (cell.chars > limits.maxCellChars) tooLong();
        cell.paragraph += add;
        cell.collapsible = false;
      }
      return;
    }
    if (row) {
      if (depth === rowDepth + 1 && uri === NS.table && (local === 'table-cell' || local === 'covered-table-cell')) openCell(tag);
      else skipDepth = depth;
      return;
    }
    if (sheet) {
      if (uri === NS.table && local === 'table-row') {
        row = [];
        rowDepth = depth;
        rowRepeat = repeatOf(tag, 'number-rows-repeated');
        nextColumn = 1;
      } else if (uri === NS.table && local === 'table') skipDepth = depth;
      // Row groups, header rows, columns and the like: rows inside them are read, the rest has no cells.
      return;
    }
    if (uri === NS.office && local === 'spreadsheet' && spreadsheetDepth < 0) spreadsheetDepth = depth;
    else if (spreadsheetDepth >= 0 && depth === spreadsheetDepth + 1 && uri === NS.table && local === 'table') {
      sheet = { name: attribute(tag, NS.table, 'name') ?? `Sheet${sheets.length + 1}`, rows: [] };
      sheetDepth = depth;
      sheetWidth = 0;
      pendingRows = 0;
    }
  });

  /** text:c of a text:s: how many spaces (1 when absent). */
  function spacesOf(tag: SaxesTagNS): number {
    const text = attribute(tag, NS.text, 'c');
    if (text === undefined) return 1;
    if (!REPEAT.test(text)) refuse(`text:c="${text.slice(0, 40)}" is not a positive whole number`, `text:c="${text.slice(0, 40)}" no es un número entero positivo`);
    return Number(text);
  }

  parser.on('closetag', () => {
    sinceToken = 0;
    const closing = depth;
    depth -= 1;
    if (skipDepth >= 0) {
      if (closing === skipDepth) skipDepth = -1;
      return;
    }
    if (closing === paragraphDepth && cell) {
      cell.paragraphs.push(cell.paragraph ?? '');
      cell.chars += 1;
      cell.paragraph = null;
      paragraphDepth = -1;
    } else if (closing === cellDepth) closeCell();
    else if (closing === rowDepth) closeRow();
    else if (closing === sheetDepth) closeSheet();
    else if (closing === spreadsheetDepth) spreadsheetDepth = -2;
  });

  const onText = (text: string, collapse: boolean) => {
    sinceToken = 0;
    if (skipDepth >= 0 || !cell || paragraphDepth < 0) return;
    let run = text;
    if (collapse) {
      // ODF 6.1.2: white space in a paragraph's XML text collapses to one space, and at the start of the paragraph to none; spaces meant are written as <text:s/>.
      run = run.replace(/[ \t\r\n]+/g, ' ');
      if (cell.collapsible && run.startsWith(' ')) run = run.slice(1);
      if (run !== '') cell.collapsible = run.endsWith(' ');
    }
    cell.chars += run.length;
    if (cell.chars > limits.maxCellChars) tooLong();
    cell.paragraph += run;
  };
  parser.on('text', (text) => onText(text, true));
  parser.on('cdata', (text) => onText(text, false));

  // The declared encoding, read from the head rather than through saxes' xmldecl event: each handler registered past six made saxes 3x slower (V8 gives the parser object a slower shape).
  const declared = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(textDecoder('latin1').decode(content.subarray(0, 200)))?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    refuse(`content.xml declares the encoding ${declared.slice(0, 40)}; OpenDocument files are UTF-8; refused`, `content.xml declara la codificación ${declared.slice(0, 40)}; los archivos OpenDocument son UTF-8; se rechaza`);
  }
  const decoder = textDecoder('utf-8', { fatal: true });
  let start = 0;
  // A UTF-8 byte order mark is allowed; anything else before the first '<' (encrypted bytes, UTF-16) is not XML.
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) start = 3;
  let first = start;
  while (first < content.length && (content[first] === 0x20 || content[first] === 0x0a || content[first] === 0x0d || content[first] === 0x09)) first += 1;
  if (first < content.length && content[first] !== 0x3c) {
    throw new StatementFileError(
      'workbook',
      'content.xml is not XML (it does not start with "<"): the spreadsheet may be password-protected or damaged; open it in LibreOffice, save it again without a password (File › Save As…, untick "Save with password") and import it again',
      { file: fileName },
      'content.xml no es XML (no empieza con "<"): la hoja puede estar protegida con contraseña o dañada; ábrala en LibreOffice, guárdela de nuevo sin contraseña (Archivo › Guardar como…, desmarque «Guardar con contraseña») e impórtela de nuevo',
    );
  }
  for (let offset = start; offset < content.length; offset += PIECE_BYTES) {
    let text: string;
    try {
      text = decoder.decode(content.subarray(offset, Math.min(content.length, offset + PIECE_BYTES)), { stream: true });
    } catch {
      notUtf8(offset);
    }
    pieceOffset = offset;
    parser.write(text!);
    sinceToken += text!.length;
    if (sinceToken > limits.maxCellChars + PIECE_BYTES) {
      if (cell) tooLong();
      refuse(
        `more than ${limits.maxCellChars.toLocaleString('en')} characters without the end of a tag, text, comment or instruction (a huge attribute, comment or text); refused before reading it whole`,
        `más de ${limits.maxCellChars.toLocaleString('es')} caracteres sin que termine una etiqueta, texto, comentario o instrucción (un atributo, comentario o texto enorme); se rechaza antes de leerlo entero`,
      );
    }
  }
  try {
    decoder.decode();
  } catch {
    notUtf8(content.length);
  }
  if (!rootSeen) unreadable('it holds no XML element', 'no contiene ningún elemento XML');
  parser.close();
  if (spreadsheetDepth === -1) {
    throw new StatementFileError('workbook', 'content.xml holds no spreadsheet (no office:spreadsheet element); refused', { file: fileName }, 'content.xml no contiene ninguna hoja de cálculo (no hay elemento office:spreadsheet); se rechaza');
  }
  if (sheets.length === 0) throw new StatementFileError('workbook', 'the spreadsheet holds no sheet (no table:table element in content.xml); refused', { file: fileName }, 'la hoja de cálculo no contiene ninguna hoja (no hay elemento table:table en content.xml); se rechaza');
  return { fileName, sheets };

  function notUtf8(offset: number): never {
    return refuse(
      `content.xml holds bytes that are not UTF-8 (between bytes ${offset.toLocaleString('en')} and ${(offset + PIECE_BYTES).toLocaleString('en')}); OpenDocument files are UTF-8, so the file is damaged or was not written by a spreadsheet program; refused`,
      `content.xml contiene bytes que no son UTF-8 (entre los bytes ${offset.toLocaleString('es')} y ${(offset + PIECE_BYTES).toLocaleString('es')}); los archivos OpenDocument son UTF-8, así que el archivo está dañado o no lo escribió un programa de hojas de cálculo; se rechaza`,
    );
  }
}
