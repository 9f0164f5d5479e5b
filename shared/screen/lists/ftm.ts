import { countryCode } from '../countries';
import type { EntryKind, ListEntry, ListedId, ListedName, ParsedList, PartialDate } from '../types';
import { ListImportError, isoDay, parsePartialDate, texts, type ListFile } from './common';

/**
 * OpenSanctions FollowTheMoney JSON lines (entities.ftm.json): one entity per
 * line. People, companies, organisations and legal entities become entries;
 * Sanction entities lend their listing date to the entity they name. Other
 * schemas (Address, Identification, Ownership…) are skipped.
 */
const KINDS: Record<string, EntryKind> = { Person: 'person', Company: 'company', Organization: 'company', LegalEntity: 'company', PublicBody: 'company' };
const ID_PROPERTIES: [string, string][] = [
  ['passportNumber', 'Passport'],
  ['idNumber', 'National ID'],
  ['taxNumber', 'Tax ID'],
  ['registrationNumber', 'Registration'],
  ['innCode', 'INN'],
  ['vatCode', 'VAT'],
];

export function looksLikeFtm(head: string): boolean {
  const first = head.replace(/^\uFEFF/, '').trimStart().split(/\r?\n/, 1)[0] ?? '';
  return first.startsWith('{') && /"schema"\s*:/.test(first) && /"properties"\s*:/.test(first);
}

export function parseFtm(file: ListFile): ParsedList {
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  const listingDates = new Map<string, string>();
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ListImportError(file.name, `line ${index + 1}`, 'not a JSON object', { where: `línea ${index + 1}`, message: 'no es un objeto JSON' });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ListImportError(file.name, `line ${index + 1}`, 'not a JSON object', { where: `línea ${index + 1}`, message: 'no es un objeto JSON' });
    const entity = value as Record<string, unknown>;
    const schema = typeof entity.schema === 'string' ? entity.schema : '';
    const id = typeof entity.id === 'string' ? entity.id : '';
    const props = (typeof entity.properties === 'object' && entity.properties !== null ? entity.properties : {}) as Record<string, unknown>;
    if (schema === 'Sanction') {
      const date = isoDay(texts(props.listingDate)[0] ?? texts(props.startDate)[0]);
      for (const target of texts(props.entity)) {
        const known = listingDates.get(target);
        if (date && (!known || date < known)) listingDates.set(target, date);
      }
      return;
    }
    // Own keys only: a schema named "constructor" or "toString" would otherwise find Object's methods.
    const kind = Object.hasOwn(KINDS, schema) ? KINDS[schema] : undefined;
    if (!kind) return;
    if (!id) {
      warnings.push(`${file.name}, line ${index + 1}: ${schema} without an id; left out`);
      return;
    }
    const names: ListedName[] = [];
    const add = (list: string[], quality: ListedName['quality']) => list.forEach((name) => names.push({ name, quality }));
    add(texts(props.name), 'primary');
    if (names.length === 0 && typeof entity.caption === 'string') add([entity.caption], 'primary');
    add(texts(props.alias), 'strong');
    add(texts(props.previousName), 'strong');
    add(texts(props.weakAlias), 'weak');
    if (names.length === 0) {
      warnings.push(`${file.name}, line ${index + 1} (${id}): no name; left out`);
      return;
    }
    const birthDates = texts(props.birthDate)
      .map(parsePartialDate)
      .filter((d): d is PartialDate => d !== undefined);
    const ids: ListedId[] = ID_PROPERTIES.flatMap(([property, type]) => texts(props[property]).map((number) => ({ number, type })));
    const topics = texts(props.topics);
    const firstSeen = typeof entity.first_seen === 'string' ? isoDay(entity.first_seen.slice(0, 10)) : undefined;
    const created = isoDay(texts(props.createdAt)[0]?.slice(0, 10));
    const listedOn = created ?? firstSeen;
    entries.push({
      id,
      kind,
      names,
      birthDates,
      nationalities: [...texts(props.nationality), ...texts(props.citizenship), ...(kind === 'company' ? texts(props.jurisdiction) : [])].map((n) => countryCode(n) ?? n),
      ids,
      ...(listedOn ? { listedOn } : {}),
      tags: topics,
      placesOfBirth: texts(props.birthPlace),
      addresses: texts(props.address),
      location: `line ${index + 1}`,
    });
  });
  for (const entry of entries) {
    const date = listingDates.get(entry.id);
    if (date) entry.listedOn = date;
  }
  if (entries.length === 0) throw new ListImportError(file.name, '', 'no Person, Company, Organization or LegalEntity entities found', { message: 'no se encontraron entidades Person, Company, Organization ni LegalEntity' });
  return { format: 'ftm-jsonl', name: 'OpenSanctions (FtM)', entries, warnings };
}
