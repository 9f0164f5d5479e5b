import { z } from 'zod';

/**
 * The domain records Caudal stores and analyses. Every record carries its
 * provenance (source file hash + line) because a prosecutor must be able to
 * trace each figure on a chart back to the bank's own export.
 */

export const RECORD_KINDS = ['transaction', 'party', 'account', 'shipment'] as const;
export const RecordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** ISO 4217 code, upper case. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 currency code');
/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter ISO 3166 country code');
/** Milliseconds since the Unix epoch, UTC. Dates without time are stored at 00:00 UTC. */
export const TimestampSchema = z.number().int().finite();

export const ProvenanceSchema = z.object({
  /** SHA-256 (hex) of the source file's bytes: the file's identity. */
  file: z.string().regex(/^[0-9a-f]{64}$/),
  /** 1-based physical line in the source file where the record starts. */
  line: z.number().int().positive(),
  /** Issue 13: for XML sources (goAML), the element's path with ordinals, e.g. `/report[1]/transaction[37]`; `line` is then the element's line. */
  path: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const CHANNELS = ['cash', 'wire', 'transfer', 'check', 'card', 'crypto', 'other'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

const optionalText = z.string().trim().min(1).optional();

export const TransactionSchema = z.object({
  id: z.string().min(1),
  timestamp: TimestampSchema,
  fromAccount: z.string().min(1),
  toAccount: z.string().min(1),
  amount: z.number().positive().finite(),
  currency: CurrencySchema,
  channel: ChannelSchema.default('other'),
  description: optionalText,
  fromPartyName: optionalText,
  fromPartyId: optionalText,
  toPartyName: optionalText,
  toPartyId: optionalText,
  fromBank: optionalText,
  toBank: optionalText,
  fromCountry: CountrySchema.optional(),
  toCountry: CountrySchema.optional(),
  source: ProvenanceSchema,
});
export type Transaction = z.infer<typeof TransactionSchema>;

export const PARTY_KINDS = ['person', 'company'] as const;
export const ID_TYPES = ['CC', 'CE', 'NIT', 'RUC', 'CURP', 'RFC', 'RNC', 'CEDULA', 'DNI', 'RTN', 'PASSPORT', 'SSN', 'EIN', 'OTHER'] as const;
export const IdTypeSchema = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdTypeSchema>;

export const PartySchema = z.object({
  /** Stable key: normalised `${idType}:${idNumber}` where an ID exists, else a name-derived key. */
  id: z.string().min(1),
  name: z.string().trim().min(1),
  kind: z.enum(PARTY_KINDS),
  idType: IdTypeSchema.optional(),
  idNumber: optionalText,
  nationality: CountrySchema.optional(),
  birthDate: TimestampSchema.optional(),
  pep: z.boolean().default(false),
  source: ProvenanceSchema,
});
export type Party = z.infer<typeof PartySchema>;

export const AccountSchema = z.object({
  /** Account number or IBAN as it appears in transactions (normalised: no spaces). */
  id: z.string().min(1),
  institution: optionalText,
  iban: optionalText,
  currency: CurrencySchema.optional(),
  holderId: optionalText,
  holderName: optionalText,
  country: CountrySchema.optional(),
  opened: TimestampSchema.optional(),
  closed: TimestampSchema.optional(),
  source: ProvenanceSchema,
});
export type Account = z.infer<typeof AccountSchema>;

export const ShipmentSchema = z.object({
  id: z.string().min(1),
  date: TimestampSchema,
  exporter: z.string().trim().min(1),
  exporterId: optionalText,
  importer: z.string().trim().min(1),
  importerId: optionalText,
  originCountry: CountrySchema,
  originPort: optionalText,
  destinationCountry: CountrySchema,
  destinationPort: optionalText,
  /** Harmonized System code, digits only (2 to 10 digits). */
  hsCode: z.string().regex(/^\d{2,10}$/, 'expected an HS code of 2 to 10 digits'),
  goods: optionalText,
  quantity: z.number().positive().finite(),
  unit: z.string().trim().min(1),
  declaredValue: z.number().positive().finite(),
  currency: CurrencySchema,
  source: ProvenanceSchema,
});
export type Shipment = z.infer<typeof ShipmentSchema>;

export interface RecordByKind {
  transaction: Transaction;
  party: Party;
  account: Account;
  shipment: Shipment;
}

export const RECORD_SCHEMAS = {
  transaction: TransactionSchema,
  party: PartySchema,
  account: AccountSchema,
  shipment: ShipmentSchema,
} as const;

/** Everything the engine (graphs, detectors, exports) works on for one case. */
export interface CaseDataset {
  transactions: Transaction[];
  parties: Party[];
  accounts: Account[];
  shipments: Shipment[];
}

export const emptyDataset = (): CaseDataset => ({ transactions: [], parties: [], accounts: [], shipments: [] });
