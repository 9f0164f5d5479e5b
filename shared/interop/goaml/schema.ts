import { z } from 'zod';
import { elementPath, type XmlElement } from './xml';

/**
 * The goAML elements Caudal reads, as zod schemas written from the element
 * names in UNODC's public goAML documentation (no XSD was copied: the public
 * copies carry no licence). Elements not named here (addresses, phones,
 * e-mails, employer details…) are read past without complaint: they do not
 * enter the case and docs/INTEROP.md lists them as lost.
 *
 * A unit's element tree becomes plain data first (xmlValue): leaves are
 * strings, elements with children are objects, and a name repeated among
 * siblings becomes an array. Schemas accept one-or-many wherever goAML
 * allows repetition.
 */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export function xmlValue(element: XmlElement): XmlValue {
  if (element.children.length === 0) return element.text;
  const counts = new Map<string, number>();
  for (const child of element.children) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
  // No prototype: an element named __proto__ or constructor is just data.
  const object = Object.create(null) as XmlObject;
  for (const child of element.children) {
    const value = xmlValue(child);
    if ((counts.get(child.name) ?? 0) > 1) ((object[child.name] ??= []) as XmlValue[]).push(value);
    else object[child.name] = value;
  }
  return object;
}

/** Optional text: empty elements count as absent. */
const leaf = z
  .string({ error: 'expected a value, found nested elements' })
  .transform((text) => text.trim())
  .transform((text) => (text === '' ? undefined : text))
  .optional();
/** Required text. */
const requiredLeaf = z.string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'expected a value, found nested elements') }).trim().min(1, 'is empty');

function many<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item)).optional();
}

export const IdentificationSchema = z.object({
  type: leaf,
  number: leaf,
  issue_date: leaf,
  expiry_date: leaf,
  issued_by: leaf,
  issue_country: leaf,
  comments: leaf,
});
export type GoamlIdentification = z.infer<typeof IdentificationSchema>;

const personShape = {
  gender: leaf,
  title: leaf,
  first_name: leaf,
  middle_name: leaf,
  prefix: leaf,
  last_name: leaf,
  birthdate: leaf,
  birth_place: leaf,
  mothers_name: leaf,
  alias: leaf,
  ssn: leaf,
  passport_number: leaf,
  passport_country: leaf,
  id_number: leaf,
  nationality1: leaf,
  nationality2: leaf,
  nationality3: leaf,
  residence: leaf,
  occupation: leaf,
  tax_number: leaf,
  tax_reg_number: leaf,
  /** goAML 4 repeats <identification> directly under the person… */
  identification: many(IdentificationSchema),
  /** …goAML 5 wraps them in <identifications>. */
  identifications: z.object({ identification: many(IdentificationSchema) }).optional(),
  comments: leaf,
};
export const PersonSchema = z.object(personShape);
export type GoamlPerson = z.infer<typeof PersonSchema>;

/** A director is a person with the role they hold in the entity. */
export const DirectorSchema = z.object({ ...personShape, role: leaf });
export type GoamlDirector = z.infer<typeof DirectorSchema>;

export const EntitySchema = z.object({
  name: leaf,
  commercial_name: leaf,
  incorporation_legal_form: leaf,
  incorporation_number: leaf,
  business: leaf,
  incorporation_state: leaf,
  incorporation_country_code: leaf,
  incorporation_date: leaf,
  tax_number: leaf,
  tax_reg_number: leaf,
  director_id: many(DirectorSchema),
  comments: leaf,
});
export type GoamlEntity = z.infer<typeof EntitySchema>;

export const SignatorySchema = z.object({
  is_primary: leaf,
  t_person: PersonSchema.optional(),
  role: leaf,
});
export type GoamlSignatory = z.infer<typeof SignatorySchema>;

export const AccountSchema = z.object({
  institution_name: leaf,
  institution_code: leaf,
  swift: leaf,
  non_bank_institution: leaf,
  branch: leaf,
  account: leaf,
  currency_code: leaf,
  account_name: leaf,
  iban: leaf,
  client_number: leaf,
  personal_account_type: leaf,
  t_entity: EntitySchema.optional(),
  signatory: many(SignatorySchema),
  opened: leaf,
  closed: leaf,
  balance: leaf,
  date_balance: leaf,
  status_code: leaf,
  beneficiary: leaf,
  comments: leaf,
});
export type GoamlAccount = z.infer<typeof AccountSchema>;

export const ForeignCurrencySchema = z.object({
  foreign_currency_code: requiredLeaf,
  foreign_amount: requiredLeaf,
  foreign_exchange_rate: leaf,
});
export type GoamlForeignCurrency = z.infer<typeof ForeignCurrencySchema>;

/** Exactly one of the listed elements must be present. */
function exactlyOne(names: readonly string[], where: string) {
  return (value: Record<string, unknown>, context: z.RefinementCtx) => {
    const present = names.filter((name) => value[name] !== undefined);
    if (present.length === 1) return;
    context.addIssue({
      code: 'custom',
      path: present.length > 1 ? [present[1] as string] : [],
      message: present.length === 0 ? `${where} holds none of ${names.join(', ')}` : `${where} holds both ${present.join(' and ')}; exactly one is allowed`,
    });
  };
}

export const FromSideSchema = z
  .object({
    from_funds_code: leaf,
    from_funds_comment: leaf,
    from_foreign_currency: ForeignCurrencySchema.optional(),
    t_conductor: PersonSchema.optional(),
    from_account: AccountSchema.optional(),
    from_person: PersonSchema.optional(),
    from_entity: EntitySchema.optional(),
    from_country: leaf,
  })
  .superRefine(exactlyOne(['from_account', 'from_person', 'from_entity'], 'the sending side'));
export const ToSideSchema = z
  .object({
    to_funds_code: leaf,
    to_funds_comment: leaf,
    to_foreign_currency: ForeignCurrencySchema.optional(),
    to_account: AccountSchema.optional(),
    to_person: PersonSchema.optional(),
    to_entity: EntitySchema.optional(),
    to_country: leaf,
  })
  .superRefine(exactlyOne(['to_account', 'to_person', 'to_entity'], 'the receiving side'));
export type GoamlFromSide = z.infer<typeof FromSideSchema>;
export type GoamlToSide = z.infer<typeof ToSideSchema>;

const subjectShape = {
  person: PersonSchema.optional(),
  person_my_client: PersonSchema.optional(),
  account: AccountSchema.optional(),
  account_my_client: AccountSchema.optional(),
  entity: EntitySchema.optional(),
  entity_my_client: EntitySchema.optional(),
};
const SUBJECT_NAMES = Object.keys(subjectShape);

export const InvolvedPartySchema = z
  .object({
    role: requiredLeaf,
    ...subjectShape,
    funds_code: leaf,
    funds_comment: leaf,
    foreign_currency: ForeignCurrencySchema.optional(),
    country: leaf,
    significance: leaf,
    comments: leaf,
  })
  .superRefine(exactlyOne(SUBJECT_NAMES, 'the party'));
export type GoamlInvolvedParty = z.infer<typeof InvolvedPartySchema>;

export const TransactionSchema = z
  .object({
    transactionnumber: requiredLeaf,
    internal_ref_number: leaf,
    transaction_location: leaf,
    transaction_description: leaf,
    date_transaction: requiredLeaf,
    teller: leaf,
    authorized: leaf,
    value_date: leaf,
    transmode_code: leaf,
    transmode_comment: leaf,
    amount_local: requiredLeaf,
    involved_parties: z.object({ party: many(InvolvedPartySchema) }).optional(),
    t_from_my_client: FromSideSchema.optional(),
    t_from: FromSideSchema.optional(),
    t_to_my_client: ToSideSchema.optional(),
    t_to: ToSideSchema.optional(),
    goods_services: z.unknown().optional(),
    comments: leaf,
  })
  .superRefine((value, context) => {
    const twoParty = value.t_from_my_client !== undefined || value.t_from !== undefined || value.t_to_my_client !== undefined || value.t_to !== undefined;
    if (twoParty && value.involved_parties !== undefined) {
      context.addIssue({ code: 'custom', path: ['involved_parties'], message: 'the transaction mixes the two-party form (t_from/t_to) with involved_parties; use one form' });
      return;
    }
    if (value.involved_parties !== undefined) {
      if ((value.involved_parties.party ?? []).length === 0) context.addIssue({ code: 'custom', path: ['involved_parties'], message: 'involved_parties holds no party' });
      return;
    }
    if (value.t_from_my_client !== undefined && value.t_from !== undefined) {
      context.addIssue({ code: 'custom', path: ['t_from'], message: 'the transaction holds both t_from_my_client and t_from; exactly one is allowed' });
    } else if (value.t_from_my_client === undefined && value.t_from === undefined) {
      context.addIssue({ code: 'custom', path: [], message: 'the transaction holds neither t_from_my_client nor t_from (nor involved_parties)' });
    }
    if (value.t_to_my_client !== undefined && value.t_to !== undefined) {
      context.addIssue({ code: 'custom', path: ['t_to'], message: 'the transaction holds both t_to_my_client and t_to; exactly one is allowed' });
    } else if (value.t_to_my_client === undefined && value.t_to === undefined) {
      context.addIssue({ code: 'custom', path: [], message: 'the transaction holds neither t_to_my_client nor t_to (nor involved_parties)' });
    }
  });
export type GoamlTransaction = z.infer<typeof TransactionSchema>;

export const ReportPartySchema = z
  .object({ ...subjectShape, significance: leaf, reason: leaf, comments: leaf })
  .superRefine(exactlyOne(SUBJECT_NAMES, 'the report party'));
export type GoamlReportParty = z.infer<typeof ReportPartySchema>;

/** The header of one report: the provenance every record it yields points back to. */
export interface GoamlReportHeader {
  /** 1-based position of the report in the file. */
  ordinal: number;
  path: string;
  rentityId?: string;
  rentityBranch?: string;
  submissionCode?: string;
  reportCode?: string;
  entityReference?: string;
  fiuRefNumber?: string;
  submissionDate?: string;
  currencyCodeLocal?: string;
  reason?: string;
  action?: string;
  indicators: string[];
  transactions: number;
  reportParties: number;
}

/** Header leaves and the header field each fills. */
export const HEADER_FIELDS: Readonly<Record<string, keyof GoamlReportHeader>> = {
  rentity_id: 'rentityId',
  rentity_branch: 'rentityBranch',
  submission_code: 'submissionCode',
  report_code: 'reportCode',
  entity_reference: 'entityReference',
  fiu_ref_number: 'fiuRefNumber',
  submission_date: 'submissionDate',
  currency_code_local: 'currencyCodeLocal',
  reason: 'reason',
  action: 'action',
};

/**
 * The element a zod issue path points at, for messages and quarantine: the
 * deepest element that exists along the path, plus the missing name if any.
 */
export function locateIssue(unit: XmlElement, issuePath: readonly PropertyKey[]): { path: string; line: number; element: string } {
  let element = unit;
  let missing: string | undefined;
  for (let index = 0; index < issuePath.length; index += 1) {
    const step = issuePath[index];
    if (typeof step !== 'string') continue;
    const next = issuePath[index + 1];
    const named = element.children.filter((candidate) => candidate.name === step);
    const found = typeof next === 'number' ? named[next] : named[0];
    if (!found) {
      missing = step;
      break;
    }
    element = found;
  }
  const path = elementPath(element);
  return { path: missing ? `${path}/${missing}` : path, line: element.line, element: missing ?? element.name };
}
