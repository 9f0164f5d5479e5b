import { strToU8, zipSync, type Zippable } from 'fflate';

/** A cell for the test .ods writer: text, number, a date (with its time when not midnight UTC), a boolean, empty. */
export type OdsTestCell = string | number | boolean | Date | null;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const ODS_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"';

/** The content.xml around some `<table:table>` elements. */
export function contentXml(tables: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODS_NAMESPACES}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

/** A paragraph as LibreOffice writes it: runs of spaces past the first as <text:s text:c=N/>, tabs and line breaks as elements. */
function paragraph(text: string): string {
  const body = escapeXml(text)
    .replace(/\t/g, '<text:tab/>')
    .replace(/ {2,}/g, (run) => ` <text:s text:c="${run.length - 1}"/>`)
    .replace(/^ /, '<text:s/>');
  return `<text:p>${body}</text:p>`;
}

function cellXml(cell: OdsTestCell): string {
  if (cell === null) return '<table:table-cell/>';
  if (typeof cell === 'string') return `<table:table-cell office:value-type="string" calcext:value-type="string">${cell.split('\n').map(paragraph).join('')}</table:table-cell>`;
  if (typeof cell === 'number') return `<table:table-cell office:value-type="float" office:value="${cell}" calcext:value-type="float"><text:p>${String(cell).replace('.', ',')}</text:p></table:table-cell>`;
  if (typeof cell === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${cell}" calcext:value-type="boolean"><text:p>${cell ? 'VERDADERO' : 'FALSO'}</text:p></table:table-cell>`;
  const iso = cell.toISOString();
  const value = iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  return `<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="${value}" calcext:value-type="date"><text:p>${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}</text:p></table:table-cell>`;
}

/**
 * One sheet as LibreOffice writes it: each row ends with its empty cells to
 * column 16384 as one repeated cell, and the sheet with its empty rows to row
 * 1048576 as one repeated row.
 */
export function tableXml(name: string, rows: OdsTestCell[][]): string {
  const body = rows
    .map((row) => {
      const trailing = 16_384 - row.length;
      return `<table:table-row table:style-name="ro1">${row.map(cellXml).join('')}${trailing > 0 ? `<table:table-cell table:number-columns-repeated="${trailing}"/>` : ''}</table:table-row>`;
    })
    .join('');
  const trailingRows = 1_048_576 - rows.length;
  return `<table:table table:name="${escapeXml(name)}" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="16384" table:default-cell-style-name="Default"/>${body}${trailingRows > 0 ? `<table:table-row table:style-name="ro1" table:number-rows-repeated="${trailingRows}"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` : ''}</table:table>`;
}

export const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODS_MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;

export interface MakeOdsOptions {
  /** content.xml as given instead of one made from the sheets (a string is UTF-8 encoded). */
  content?: string | Uint8Array;
  mimetype?: string;
  manifest?: string;
  extra?: Zippable;
}

/** A minimal .ods LibreOffice opens: the uncompressed mimetype first, then content.xml and the manifest. */
export function makeOds(sheets: { name: string; rows: OdsTestCell[][] }[], options: MakeOdsOptions = {}): Uint8Array {
  const content = options.content ?? contentXml(sheets.map((sheet) => tableXml(sheet.name, sheet.rows)).join(''));
  const files: Zippable = {
    mimetype: [strToU8(options.mimetype ?? ODS_MIMETYPE), { level: 0 }],
    'content.xml': typeof content === 'string' ? strToU8(content) : content,
    'META-INF/manifest.xml': strToU8(options.manifest ?? MANIFEST),
    ...options.extra,
  };
  return zipSync(files);
}
