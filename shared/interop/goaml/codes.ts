import { z } from 'zod';
import { CHANNELS, ID_TYPES, type Channel, type IdType } from '../../model/records';

/**
 * goAML code lists differ by unit: one FIU's transmode "K" is cash, another's
 * "A". The unit profile carries the unit's tables (profile.goamlCodes); these
 * defaults cover the common English and Spanish words and the codes seen in
 * public goAML guidance. A code found in no table is kept verbatim, counted
 * and reported, never dropped.
 */
export const PARTY_ROLES = ['from', 'to', 'subject'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const GoamlCodeMapsSchema = z.object({
  /** transmode_code → channel. */
  transmode: z.record(z.string(), z.enum(CHANNELS)).default({}),
  /** from_funds_code / to_funds_code / funds_code → channel (funds type says cash or not when transmode does not). */
  funds: z.record(z.string(), z.enum(CHANNELS)).default({}),
  /** involved_parties/party/role → which side of the payment the party stands on. */
  role: z.record(z.string(), z.enum(PARTY_ROLES)).default({}),
  /** identification/type → ID type. */
  identification: z.record(z.string(), z.enum(ID_TYPES)).default({}),
});
export type GoamlCodeMaps = z.infer<typeof GoamlCodeMapsSchema>;

export const DEFAULT_GOAML_CODES: GoamlCodeMaps = {
  transmode: {
    A: 'cash', K: 'cash', CASH: 'cash', EFECTIVO: 'cash',
    B: 'transfer', TRANSFER: 'transfer', TRANSFERENCIA: 'transfer', ACH: 'transfer', EFT: 'transfer',
    C: 'wire', WIRE: 'wire', SWIFT: 'wire', GIRO: 'wire', TRANSFERENCIA_INTERNACIONAL: 'wire',
    D: 'check', CHECK: 'check', CHEQUE: 'check',
    E: 'card', CARD: 'card', TARJETA: 'card',
    F: 'crypto', CRYPTO: 'crypto', VIRTUAL_ASSET: 'crypto', CRIPTO: 'crypto',
    O: 'other', OTHER: 'other', OTRO: 'other',
  },
  funds: { K: 'cash', A: 'cash', CASH: 'cash', EFECTIVO: 'cash', CHEQUE: 'check', CHECK: 'check', TRANSFER: 'transfer', TRANSFERENCIA: 'transfer' },
  role: {
    FROM: 'from', SENDER: 'from', PAYER: 'from', ORDERING: 'from', ORIGINATOR: 'from', ORDENANTE: 'from', REMITENTE: 'from', PAGADOR: 'from',
    TO: 'to', RECEIVER: 'to', PAYEE: 'to', BENEFICIARY: 'to', BENEFICIARIO: 'to', RECEPTOR: 'to', DESTINATARIO: 'to',
    SUBJECT: 'subject', INTERMEDIARY: 'subject', INTERMEDIARIO: 'subject', CONDUCTOR: 'subject', SIGNATORY: 'subject',
  },
  identification: {
    A: 'CEDULA', CC: 'CC', CE: 'CE', CEDULA: 'CEDULA', ID: 'CEDULA', DNI: 'DNI', NIT: 'NIT', RUC: 'RUC', RNC: 'RNC', RTN: 'RTN', CURP: 'CURP', RFC: 'RFC',
    B: 'PASSPORT', PASSPORT: 'PASSPORT', PASAPORTE: 'PASSPORT', SSN: 'SSN', EIN: 'EIN', TAX: 'OTHER', OTHER: 'OTHER', OTRO: 'OTHER',
  },
};

export type CodeList = keyof GoamlCodeMaps;

/**
 * The tables in force for one import: the unit's own entries over the
 * defaults. The profile stores them loosely typed (profiles/schema.ts does not
 * depend on this module), so they are validated here; an entry naming an
 * unknown channel or ID type is an error worth showing, not a silent default.
 */
export function effectiveCodes(fromProfile: unknown): GoamlCodeMaps {
  const own = fromProfile === undefined ? GoamlCodeMapsSchema.parse({}) : GoamlCodeMapsSchema.parse(fromProfile);
  return {
    transmode: { ...DEFAULT_GOAML_CODES.transmode, ...upperKeys(own.transmode) },
    funds: { ...DEFAULT_GOAML_CODES.funds, ...upperKeys(own.funds) },
    role: { ...DEFAULT_GOAML_CODES.role, ...upperKeys(own.role) },
    identification: { ...DEFAULT_GOAML_CODES.identification, ...upperKeys(own.identification) },
  };
}

function upperKeys<V>(table: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [codeKey(key), value]));
}

/** Codes compare case- and space-insensitively ("Cash", " CASH ", "cash" are one code). */
export function codeKey(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '_');
}

/** One code no table knew, with where it was first seen: the analyst adds it to the unit's table. */
export interface UnknownCode {
  list: CodeList | 'country' | 'currency';
  code: string;
  count: number;
  firstPath: string;
  firstLine: number;
}

/** Looks codes up and remembers the ones no table has (where: only worked out for an unknown code). */
export class CodeBook {
  private readonly unknown = new Map<string, UnknownCode>();
  constructor(readonly maps: GoamlCodeMaps) {}

  channel(list: 'transmode' | 'funds', code: string | undefined, where: () => { path: string; line: number }): Channel | undefined {
    if (code === undefined) return undefined;
    const found = this.maps[list][codeKey(code)];
    if (found === undefined) this.note(list, code, where());
    return found;
  }

  role(code: string, where: () => { path: string; line: number }): PartyRole | undefined {
    const found = this.maps.role[codeKey(code)];
    if (found === undefined) this.note('role', code, where());
    return found;
  }

  idType(code: string | undefined, where: () => { path: string; line: number }): IdType | undefined {
    if (code === undefined) return undefined;
    const found = this.maps.identification[codeKey(code)];
    if (found === undefined) this.note('identification', code, where());
    return found;
  }

  note(list: UnknownCode['list'], code: string, where: { path: string; line: number }): void {
    const key = `${list}\u0000${code}`;
    const seen = this.unknown.get(key);
    if (seen) seen.count += 1;
    else this.unknown.set(key, { list, code, count: 1, firstPath: where.path, firstLine: where.line });
  }

  unknownCodes(): UnknownCode[] {
    return [...this.unknown.values()];
  }
}
