import Papa from 'papaparse';
import { countryCode } from '../countries';
import { idFamily } from '../match';
import type { ListEntry, ListedId, ListedName, ParsedList, PartialDate } from '../types';
import { ListImportError, parsePartialDate, type ListFile } from './common';

/**
 * OFAC's legacy SDN files: sdn.csv (ent_num, SDN_Name, SDN_Type, Program,
 * Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks),
 * alt.csv (ent_num, alt_num, alt_type, alt_name, alt_remarks) and add.csv
 * (ent_num, add_num, address, city/state/postal, country, add_remarks). No
 * header; "-0-" is null; dates of birth, places of birth, nationalities and
 * ID numbers live in the remarks ("DOB 16 Feb 1963; POB Palmira, Valle,
 * Colombia; Cedula No. 16258124 (Colombia)").
 */
export type OfacFileKind = 'sdn' | 'alt' | 'add';

const NULL = '-0-';
const clean = (value: string | undefined) => {
  const v = (value ?? '').trim();
  return v === NULL || v === '' ? undefined : v;
};

function rows(file: ListFile): string[][] {
  // The files end with a SUB (0x1A) control character.
  const body = file.text.split(String.fromCharCode(0x1a)).join('');
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  return parsed.data;
}

/** Which of the three OFAC files this is, from its first record's shape. */
export function ofacFileKind(head: string): OfacFileKind | undefined {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const fields = Papa.parse<string[]>(first).data[0] ?? [];
  if (!/^\d+$/.test(fields[0] ?? '')) return undefined;
  if (fields.length === 12 && /^("?)(individual|vessel|aircraft|-0-)/i.test((fields[2] ?? '').trim())) return 'sdn';
  if (fields.length === 5 && /^(aka|fka|nka|weak aka)$/i.test((fields[2] ?? '').trim())) return 'alt';
  if (fields.length === 6 && /^\d+$/.test(fields[1] ?? '')) return 'add';
  return undefined;
}

interface Remarks {
  birthDates: PartialDate[];
  placesOfBirth: string[];
  nationalities: string[];
  ids: ListedId[];
}

const ID_HINT = /passport|cedula|c[eé]dula|nit|r\.?f\.?c|c\.?u\.?r\.?p|ruc|d\.?n\.?i|national id|identification|tax id|registration|ssn|rif|cuit|matricula|\bid\b/i;

/** Reads DOB, POB, nationality and ID numbers out of an SDN remark. */
export function parseRemarks(remarks: string | undefined): Remarks {
  const out: Remarks = { birthDates: [], placesOfBirth: [], nationalities: [], ids: [] };
  if (!remarks) return out;
  for (const rawPiece of remarks.replace(/\.$/, '').split(/;\s*/)) {
    const piece = rawPiece.trim().replace(/^alt\.\s+/i, '');
    let m = /^DOB\s+(.+)$/i.exec(piece);
    if (m) {
      const date = parsePartialDate(m[1] as string);
      if (date) out.birthDates.push(date);
      continue;
    }
    m = /^POB\s+(.+)$/i.exec(piece);
    if (m) {
      out.placesOfBirth.push((m[1] as string).trim());
      continue;
    }
    m = /^(?:nationality|citizen)\s+(.+)$/i.exec(piece);
    if (m) {
      out.nationalities.push(countryCode(m[1]) ?? (m[1] as string).trim());
      continue;
    }
    // "Cedula No. 16258124 (Colombia)", "NIT # 800123456-7 (Colombia)", "Passport AF143327 (Colombia) issued 2001"
    m = /^(.+?)\s+(?:No\.|#|Number)?\s*([A-Z0-9][A-Z0-9./-]*\d[A-Z0-9./-]*)(?:\s*\(([^)]+)\))?/i.exec(piece);
    if (m && ID_HINT.test(m[1] as string) && idFamily(m[1]) !== undefined) {
      const country = countryCode(m[3]);
      out.ids.push({ type: (m[1] as string).trim(), number: m[2] as string, ...(country ? { country } : {}) });
    }
  }
  return out;
}

export function parseOfac(files: { sdn: ListFile; alt?: ListFile; add?: ListFile }): ParsedList {
  const warnings: string[] = [];
  const entries = new Map<string, ListEntry>();
  rows(files.sdn).forEach((fields, index) => {
    const line = index + 1;
    const entNum = clean(fields[0]);
    const name = clean(fields[1]);
    if (!entNum || !/^\d+$/.test(entNum)) throw new ListImportError(files.sdn.name, `line ${line}`, `ent_num should be a number, got '${fields[0] ?? ''}'`, { where: `línea ${line}`, message: `ent_num debería ser un número; se leyó '${fields[0] ?? ''}'` });
    if (fields.length !== 12) throw new ListImportError(files.sdn.name, `line ${line}`, `expected 12 fields (ent_num … Remarks), found ${fields.length}`, { where: `línea ${line}`, message: `se esperaban 12 campos (ent_num … Remarks); hay ${fields.length}` });
    if (!name) {
      warnings.push(`${files.sdn.name}, line ${line}: SDN_Name is empty; entry ${entNum} left out`);
      return;
    }
    const type = (clean(fields[2]) ?? '').toLowerCase();
    const remarks = parseRemarks(clean(fields[11]));
    const program = clean(fields[3]);
    entries.set(entNum, {
      id: entNum,
      kind: type === 'individual' ? 'person' : 'company',
      names: [{ name, quality: 'primary' }],
      birthDates: remarks.birthDates,
      nationalities: remarks.nationalities,
      ids: remarks.ids,
      tags: program ? program.split(/\]\s*\[|\s+/).map((p) => p.replace(/[[\]]/g, '')).filter(Boolean) : [],
      placesOfBirth: remarks.placesOfBirth,
      addresses: [],
      location: `${files.sdn.name} line ${line}`,
    });
  });
  if (files.alt) {
    rows(files.alt).forEach((fields, index) => {
      const entry = entries.get(clean(fields[0]) ?? '');
      const name = clean(fields[3]);
      if (!entry) {
        warnings.push(`${files.alt?.name}, line ${index + 1}: alias of ent_num ${fields[0] ?? ''}, which sdn.csv does not list; left out`);
        return;
      }
      if (!name) return;
      const weak = /weak/i.test(`${fields[2] ?? ''} ${fields[4] ?? ''}`);
      const alias: ListedName = { name, quality: weak ? 'weak' : 'strong' };
      entry.names.push(alias);
    });
  }
  if (files.add) {
    rows(files.add).forEach((fields) => {
      const entry = entries.get(clean(fields[0]) ?? '');
      if (!entry) return;
      const address = [clean(fields[2]), clean(fields[3]), clean(fields[4])].filter(Boolean).join(', ');
      if (address) entry.addresses.push(address);
    });
  }
  if (entries.size === 0) throw new ListImportError(files.sdn.name, '', 'no SDN entries found', { message: 'no se encontraron entradas SDN' });
  return { format: 'ofac-sdn-csv', name: 'OFAC SDN list', entries: [...entries.values()], warnings };
}
