import Papa from 'papaparse';
import { isCompanyName } from '../../resolve/names';
import { countryCode } from '../countries';
import type { EntryKind, ListEntry, ListedName, ParsedList, PartialDate } from '../types';
import { ListImportError, isoDay, parsePartialDate, type ListFile } from './common';

/**
 * A national list as a plain CSV with a header: name, aliases, id number,
 * birth date, nationality, listed-on, list name (Spanish or English
 * headers). Mexico's SAT Article 69-B list is read in its published layout
 * too: preamble lines, "RFC", "Nombre del Contribuyente", "Situación del
 * contribuyente" and one publication-date column per status.
 */
type Field = 'id' | 'name' | 'aliases' | 'idNumber' | 'idType' | 'birthDate' | 'nationality' | 'listedOn' | 'list' | 'kind' | 'status';

const HEADERS: Record<Field, string[]> = {
  id: ['id', 'entry_id', 'entry', 'no', 'num', 'numero', 'clave', 'reference', 'referencia'],
  name: ['name', 'nombre', 'nombre_del_contribuyente', 'razon_social', 'denominacion', 'nombre_o_razon_social', 'full_name', 'nombre_completo'],
  aliases: ['aliases', 'alias', 'aka', 'otros_nombres', 'alias_conocido_como'],
  idNumber: ['id_number', 'rfc', 'nit', 'curp', 'ruc', 'cedula', 'documento', 'numero_de_identificacion', 'numero_documento', 'identificacion', 'tax_id'],
  idType: ['id_type', 'tipo_documento', 'tipo_de_documento', 'tipo_identificacion', 'tipo_de_identificacion'],
  birthDate: ['birth_date', 'date_of_birth', 'dob', 'fecha_nacimiento', 'fecha_de_nacimiento'],
  nationality: ['nationality', 'nacionalidad', 'country', 'pais'],
  listedOn: ['listed_on', 'listing_date', 'publication_date', 'fecha_publicacion', 'fecha_de_publicacion', 'fecha_inclusion', 'fecha_de_inclusion', 'desde'],
  list: ['list', 'list_name', 'lista', 'nombre_lista', 'fuente', 'source'],
  kind: ['kind', 'type', 'tipo', 'tipo_persona', 'tipo_de_persona', 'persona'],
  status: ['status', 'estatus', 'estado', 'situacion', 'situacion_del_contribuyente'],
};

export const foldHeader = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const SAT_STATUSES: Record<string, string> = { presunto: 'presuntos', definitivo: 'definitivos', desvirtuado: 'desvirtuados', 'sentencia favorable': 'sentencia_favorable' };

function rows(file: ListFile): string[][] {
  const body = file.text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : first.includes('\t') && !first.includes(',') ? '\t' : ',';
  return Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false }).data;
}

function headerRow(table: string[][]): number {
  for (let i = 0; i < Math.min(table.length, 15); i++) {
    const folded = (table[i] ?? []).map(foldHeader);
    if (folded.some((h) => HEADERS.name.includes(h))) return i;
  }
  return -1;
}

/** A CSV with a recognisable header (a name column) in its first lines. */
export function looksLikeNationalCsv(head: string): boolean {
  return headerRow(rows({ name: '', text: head.split(/\r?\n/).slice(0, 15).join('\n') })) >= 0;
}

function satPublication(columns: string[], row: string[], status: string): string | undefined {
  const suffix = SAT_STATUSES[status];
  if (!suffix) return undefined;
  // "Publicación DOF definitivos" first, then "Publicación página SAT definitivos".
  const candidates = columns
    .map((header, index) => ({ header, index }))
    .filter(({ header }) => header.startsWith('publicacion') && header.endsWith(suffix))
    .sort((a, b) => Number(b.header.includes('dof')) - Number(a.header.includes('dof')));
  for (const { index } of candidates) {
    const date = isoDay(row[index]);
    if (date) return date;
  }
  return undefined;
}

export function parseNationalCsv(file: ListFile): ParsedList {
  const table = rows(file);
  const headerAt = headerRow(table);
  if (headerAt < 0) throw new ListImportError(file.name, 'header', 'no name column (name, nombre, razón social, nombre del contribuyente) in the first 15 lines', {
      where: 'encabezado',
      message: 'no hay columna de nombre (name, nombre, razón social, nombre del contribuyente) en las primeras 15 líneas',
    });
  const columns = (table[headerAt] as string[]).map(foldHeader);
  const column = (field: Field) => columns.findIndex((h) => HEADERS[field].includes(h));
  const at = Object.fromEntries((Object.keys(HEADERS) as Field[]).map((field) => [field, column(field)])) as Record<Field, number>;
  const isSat = at.idNumber >= 0 && columns[at.idNumber] === 'rfc' && columns.some((h) => h.startsWith('publicacion'));
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  let listName = isSat ? 'SAT 69-B' : file.name.replace(/\.[^.]+$/, '');
  const seen = new Set<string>();
  for (let r = headerAt + 1; r < table.length; r++) {
    const row = table[r] as string[];
    const line = r + 1;
    const cell = (field: Field) => (at[field] >= 0 ? (row[at[field]] ?? '').trim() : '');
    if (row.every((value) => value.trim() === '')) continue;
    const name = cell('name');
    if (!name) {
      warnings.push(`${file.name}, line ${line}, column '${table[headerAt]?.[at.name] ?? 'name'}': empty name; row left out`);
      continue;
    }
    const names: ListedName[] = [{ name, quality: 'primary' }];
    for (const alias of cell('aliases').split(/[;|]/)) if (alias.trim()) names.push({ name: alias.trim(), quality: 'strong' });
    const birth = cell('birthDate');
    const birthDates: PartialDate[] = [];
    if (birth) {
      const parsed = parsePartialDate(birth);
      if (parsed) birthDates.push(parsed);
      else warnings.push(`${file.name}, line ${line}, column '${table[headerAt]?.[at.birthDate] ?? ''}': '${birth}' is not a date; left out of the entry`);
    }
    const kindText = cell('kind').toLowerCase();
    const idNumber = cell('idNumber');
    let kind: EntryKind | undefined = /moral|company|empresa|juridica|entity|sociedad/.test(kindText) ? 'company' : /fisica|person|natural|individual/.test(kindText) ? 'person' : undefined;
    // An RFC of 12 characters belongs to a company (persona moral), 13 to a person.
    if (!kind && isSat) kind = idNumber.replace(/[\s-]/g, '').length === 12 || isCompanyName(name) ? 'company' : 'person';
    const statusText = cell('status')
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    const status = Object.keys(SAT_STATUSES).find((s) => statusText.startsWith(s)) ?? (statusText || undefined);
    const statusDate = isSat && status ? satPublication(columns, row, status) : undefined;
    const presumed = isSat ? satPublication(columns, row, 'presunto') : undefined;
    const listedOnText = cell('listedOn');
    const listedOn = isoDay(listedOnText) ?? presumed ?? statusDate;
    if (listedOnText && !isoDay(listedOnText)) warnings.push(`${file.name}, line ${line}: listed-on '${listedOnText}' is not a date; left out of the entry`);
    const listCell = cell('list');
    if (listCell && entries.length === 0) listName = listCell;
    let id = cell('id') || idNumber || `line ${line}`;
    if (seen.has(id)) id = `${id} (line ${line})`;
    seen.add(id);
    const nationality = cell('nationality');
    const idType = cell('idType') || (at.idNumber >= 0 ? (columns[at.idNumber] as string).toUpperCase() : '');
    entries.push({
      id,
      kind: kind ?? guessKind(name),
      names,
      birthDates,
      nationalities: nationality ? [countryCode(nationality) ?? nationality] : isSat ? ['MX'] : [],
      ids: idNumber ? [{ number: idNumber, ...(idType && idType !== 'ID_NUMBER' ? { type: idType } : {}), ...(isSat ? { country: 'MX' } : {}) }] : [],
      ...(listedOn ? { listedOn } : {}),
      ...(status ? { status } : {}),
      ...(statusDate ? { statusDate } : {}),
      tags: [listCell || listName, ...(status ? [status] : [])],
      placesOfBirth: [],
      addresses: [],
      location: `line ${line}`,
    });
  }
  if (entries.length === 0) throw new ListImportError(file.name, `line ${headerAt + 2}`, 'no rows with a name under the header', { where: `línea ${headerAt + 2}`, message: 'no hay filas con nombre bajo el encabezado' });
  return { format: 'national-csv', name: listName, entries, warnings };
}


/** Kind unknown in a plain list: the name decides (a legal-form suffix or business word means a company). */
const guessKind = (name: string): EntryKind => (isCompanyName(name) ? 'company' : 'person');
