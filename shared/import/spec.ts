import { z } from 'zod';
import { RecordKindSchema, type RecordKind } from '../model/records';

/**
 * A mapping spec says how one bank's CSV layout becomes Caudal records. The
 * analyst saves it by name and reuses it for every monthly export of that
 * bank, so it is plain JSON with a schema tag and is validated whenever it is
 * read back (from the app's store, an exported file or the CLI's --mapping).
 */

export const MAPPING_SCHEMA_TAG = 'caudal.mapping/1' as const;

export const ENCODINGS = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];
export type ResolvedEncoding = Exclude<EncodingChoice, 'auto'>;

export const DELIMITERS = ['auto', ',', ';', '\t', '|'] as const;
export type DelimiterChoice = (typeof DELIMITERS)[number];
export type Delimiter = Exclude<DelimiterChoice, 'auto'>;

export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export type DateOrderChoice = 'auto' | DateOrder;

export type DecimalSeparator = ',' | '.';

/** Per-column parse options; each overrides the spec-wide setting for that field only. */
export const FieldParseOptionsSchema = z.object({
  /** Decimal separator of this column's numbers, when it differs from the file's. */
  decimalSeparator: z.enum([',', '.']).optional(),
  /**
   * Date pattern such as 'DD/MM/YYYY HH:mm', 'MM-DD-YYYY', 'YYYY-MM-DD'. Fixes
   * the day/month order and is quoted in quarantine reasons.
   */
  datePattern: z
    .string()
    .regex(/^(?=.*YY)(?=.*MM)(?=.*DD)[YMDHhms:/.\- T]+$/, "expected a date pattern made of DD, MM, YYYY and optional HH:mm[:ss], e.g. 'DD/MM/YYYY HH:mm'")
    .optional(),
  /** Raw value → value, applied before parsing, matched case- and accent-insensitively (e.g. channel 'EFECTIVO' → 'cash'). */
  valueMap: z.record(z.string(), z.string()).optional(),
});
export type FieldParseOptions = z.infer<typeof FieldParseOptionsSchema>;

export const ColumnSourceSchema = FieldParseOptionsSchema.extend({ column: z.string().min(1, 'expected a column header') }).strict();
export const ColumnsSourceSchema = FieldParseOptionsSchema.extend({
  /** Joined in this order with `separator` (default one space): date + time, first + last name. */
  columns: z.array(z.string().min(1, 'expected a column header')).min(1, 'expected at least one column'),
  separator: z.string().optional(),
}).strict();
export const ConstantSourceSchema = FieldParseOptionsSchema.extend({ constant: z.string() }).strict();

export const FieldSourceSchema = z.union([ColumnSourceSchema, ColumnsSourceSchema, ConstantSourceSchema]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

export interface MappingSpec {
  schema: typeof MAPPING_SCHEMA_TAG;
  name: string;
  kind: RecordKind;
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
  /** Preamble lines (bank report titles) before the header row. */
  skipLines: number | 'auto';
  decimalSeparator: 'auto' | DecimalSeparator;
  dateOrder: DateOrderChoice;
  /** Record field name (e.g. 'amount', 'timestamp', 'fromAccount') → where its value comes from. */
  fields: Record<string, FieldSource>;
}

export const MappingSpecSchema: z.ZodType<MappingSpec> = z.object({
  schema: z.literal(MAPPING_SCHEMA_TAG),
  name: z.string().trim().min(1, 'expected a mapping name'),
  kind: RecordKindSchema,
  encoding: z.enum(ENCODINGS).default('auto'),
  delimiter: z.enum(DELIMITERS).default('auto'),
  skipLines: z.union([z.number().int().nonnegative().max(1000), z.literal('auto')]).default('auto'),
  decimalSeparator: z.enum(['auto', ',', '.']).default('auto'),
  dateOrder: z.enum(['auto', ...DATE_ORDERS]).default('auto'),
  fields: z.record(z.string(), FieldSourceSchema),
}) as z.ZodType<MappingSpec>;

/** Thrown when a mapping spec (JSON) is malformed; the message names the offending field path. */
export class MappingSpecError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'MappingSpecError';
  }
}

/**
 * Validates a spec read from JSON (text or parsed), naming the first bad
 * field, e.g. "Invalid mapping spec at fields.amount: ...". Field names are
 * checked against the record kind by `importCsv`, which knows them.
 */
export function parseMappingSpec(input: unknown): MappingSpec {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new MappingSpecError(`Invalid mapping spec: not JSON (${(error as Error).message})`, '');
    }
  }
  const result = MappingSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  throw new MappingSpecError(`Invalid mapping spec at ${path || '(root)'}: ${issue?.message ?? 'invalid'}`, path);
}

/** Stable JSON for saving and exporting a spec (two-space indented, schema tag first). */
export function serializeMappingSpec(spec: MappingSpec): string {
  return JSON.stringify(MappingSpecSchema.parse(spec), null, 2);
}
