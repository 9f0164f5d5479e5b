import { XMLParser } from 'fast-xml-parser';
import { countryCode } from '../countries';
import type { ListEntry, ListedId, ListedName, ParsedList, PartialDate } from '../types';
import { ListImportError, isoDay, parsePartialDate, texts, type ListFile } from './common';

const REPEATED = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'VALUE', 'NATIONALITY', 'DESIGNATION', 'TITLE',
]);

type XmlNode = Record<string, unknown>;

const asNodes = (value: unknown): XmlNode[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is XmlNode => typeof v === 'object' && v !== null);
const text = (node: XmlNode | undefined, field: string): string | undefined => texts(node?.[field])[0];
const values = (node: XmlNode, field: string): string[] => asNodes(node[field]).flatMap((child) => texts(child.VALUE));

export function looksLikeUnXml(head: string): boolean {
  return /<CONSOLIDATED_LIST[\s>]/.test(head.slice(0, 4096));
}

function birthDates(node: XmlNode): PartialDate[] {
  const out: PartialDate[] = [];
  for (const dob of asNodes(node.INDIVIDUAL_DATE_OF_BIRTH)) {
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

function documents(node: XmlNode): ListedId[] {
  const out: ListedId[] = [];
  for (const doc of asNodes(node.INDIVIDUAL_DOCUMENT)) {
    const number = text(doc, 'NUMBER');
    if (!number) continue;
    const type = text(doc, 'TYPE_OF_DOCUMENT') ?? text(doc, 'TYPE_OF_DOCUMENT2');
    const country = countryCode(text(doc, 'ISSUING_COUNTRY') ?? text(doc, 'COUNTRY_OF_ISSUE'));
    out.push({ number, ...(type ? { type } : {}), ...(country ? { country } : {}) });
  }
  return out;
}

function place(node: XmlNode): string {
  return ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((field) => text(node, field)).filter(Boolean).join(', ');
}

/**
 * The UN Security Council consolidated list (XML): individuals with their
 * four name parts, aliases (UN quality "Low" counts as a weak alias), dates
 * of birth (exact, approximate, ranges of years), documents and
 * nationalities; entities with their aliases and addresses. The entry id is
 * REFERENCE_NUMBER; DATAID is kept beside it.
 */
export function parseUnXml(file: ListFile): ParsedList {
  if (/<!ENTITY/i.test(file.text.slice(0, 65536))) throw new ListImportError(file.name, 'DOCTYPE', 'the file declares XML entities, which the UN list never does; refused');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(file.text, true) as XmlNode;
  } catch (error) {
    throw new ListImportError(file.name, '', `not well-formed XML (${error instanceof Error ? error.message : String(error)})`);
  }
  const root = asNodes(doc.CONSOLIDATED_LIST)[0];
  if (!root) throw new ListImportError(file.name, 'root element', 'expected CONSOLIDATED_LIST');
  const warnings: string[] = [];
  const entries: ListEntry[] = [];
  const generated = isoDay(texts(root['@dateGenerated'])[0]);

  const common = (node: XmlNode, element: string, position: number): Omit<ListEntry, 'kind' | 'names'> | undefined => {
    const reference = text(node, 'REFERENCE_NUMBER');
    const dataId = text(node, 'DATAID');
    if (!reference && !dataId) {
      warnings.push(`${file.name}, ${element} #${position}: no REFERENCE_NUMBER or DATAID; entry left out`);
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
  const aliases = (node: XmlNode, field: string): ListedName[] =>
    asNodes(node[field]).flatMap((alias) => {
      const name = text(alias, 'ALIAS_NAME');
      if (!name) return [];
      const quality = (text(alias, 'QUALITY') ?? '').toLowerCase();
      return [{ name, quality: quality === 'low' ? ('weak' as const) : ('strong' as const) }];
    });

  const individuals = asNodes(asNodes(root.INDIVIDUALS)[0]?.INDIVIDUAL);
  individuals.forEach((node, index) => {
    const base = common(node, 'INDIVIDUAL', index + 1);
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
      placesOfBirth: asNodes(node.INDIVIDUAL_PLACE_OF_BIRTH).map(place).filter(Boolean),
      addresses: asNodes(node.INDIVIDUAL_ADDRESS).map(place).filter(Boolean),
    });
  });
  const entities = asNodes(asNodes(root.ENTITIES)[0]?.ENTITY);
  entities.forEach((node, index) => {
    const base = common(node, 'ENTITY', index + 1);
    if (!base) return;
    const primary = text(node, 'FIRST_NAME');
    const names: ListedName[] = primary ? [{ name: primary, quality: 'primary' }] : [];
    names.push(...aliases(node, 'ENTITY_ALIAS'));
    if (names.length === 0) {
      warnings.push(`${file.name}, ${base.location}: no name; entry left out`);
      return;
    }
    entries.push({ ...base, kind: 'company', names, addresses: asNodes(node.ENTITY_ADDRESS).map(place).filter(Boolean) });
  });
  if (entries.length === 0) throw new ListImportError(file.name, 'INDIVIDUALS/ENTITIES', 'no entries with a name and a reference number');
  return { format: 'un-xml', name: 'UN Security Council consolidated list', ...(generated ? { publishedOn: generated } : {}), entries, warnings };
}
