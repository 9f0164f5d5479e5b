import { z } from 'zod';
import { DATE_ORDERS, ENCODINGS, DELIMITERS } from '../spec';

/**
 * A statement mapping says how one bank's account statement (extracto) becomes
 * the movements of one account: where the owner account is (title block, a
 * column, or typed), which columns hold date, reference, description, amounts
 * and balance, which convention gives the direction, and which patterns pull
 * the counterparty out of the description. Saved by name beside the
 * row-per-transfer mappings and validated whenever it is read back (the app's
 * store, an exported file, the CLI's --mapping).
 */
export const STATEMENT_MAPPING_TAG = 'caudal.statement-mapping/1' as const;

const column = z.string().trim().min(1, 'expected a column header');

/** Where the account whose statement this is comes from. */
export const OwnerSourceSchema = z.discriminatedUnion('from', [
  /** Detected in the rows above the table ("Cuenta No.: 0012345"). */
  z.object({ from: z.literal('title') }).strict(),
  z.object({ from: z.literal('column'), column }).strict(),
  z.object({ from: z.literal('typed'), account: z.string().trim().min(1, 'expected an account number') }).strict(),
]);
export type OwnerSource = z.infer<typeof OwnerSourceSchema>;

/**
 * How a row says whether money left (debit) or entered (credit) the account.
 * `columns`: a debit column and a credit column (also cargo/abono, retiros/depósitos);
 * `signed`: one amount column, negative for debits unless `negativeIs` says otherwise;
 * `indicator`: an amount column plus a D/C (or C/A, DB/CR) column whose values are listed.
 */
export const DirectionSchema = z.discriminatedUnion('convention', [
  z.object({ convention: z.literal('columns'), debit: column, credit: column }).strict(),
  z.object({ convention: z.literal('signed'), amount: column, negativeIs: z.enum(['debit', 'credit']).default('debit') }).strict(),
  z
    .object({
      convention: z.literal('indicator'),
      amount: column,
      indicator: column,
      debitValues: z.array(z.string().trim().min(1)).min(1, 'expected at least one value meaning debit'),
      creditValues: z.array(z.string().trim().min(1)).min(1, 'expected at least one value meaning credit'),
    })
    .strict(),
]);
export type Direction = z.infer<typeof DirectionSchema>;

/** Safe-enough regular expression source: compiled at validation so a bad one is refused with its message. */
const regexSource = z
  .string()
  .min(1, 'expected a pattern')
  .max(500, 'a pattern is at most 500 characters')
  .superRefine((source, context) => {
    try {
      new RegExp(source, 'iu');
    } catch (error) {
      context.addIssue({ code: 'custom', message: `not a valid pattern: ${(error as Error).message}` });
    }
  });

/**
 * A counterparty pattern over the description. Named groups `account` and
 * `name` say what it captures ("TRANSF A CTA (?<account>\d{6,}) (?<name>.+)").
 */
export const CounterpartyPatternSchema = z
  .object({
    label: z.string().trim().min(1).max(80),
    pattern: regexSource,
  })
  .strict();
export type CounterpartyPattern = z.infer<typeof CounterpartyPatternSchema>;

export const StatementMappingSchema = z
  .object({
    schema: z.literal(STATEMENT_MAPPING_TAG),
    name: z.string().trim().min(1, 'expected a mapping name'),
    /** CSV only; workbooks carry their own encoding and cells. */
    encoding: z.enum(ENCODINGS).default('auto'),
    delimiter: z.enum(DELIMITERS).default('auto'),
    /** 1-based line (CSV) or row (sheet) of the table's header; 'auto' finds it below the title block. */
    headerLine: z.union([z.number().int().positive().max(10_000), z.literal('auto')]).default('auto'),
    /** Sheet name for workbooks; 'first' takes the first sheet. */
    sheet: z.string().min(1).default('first'),
    decimalSeparator: z.enum(['auto', ',', '.']).default('auto'),
    dateOrder: z.enum(['auto', ...DATE_ORDERS]).default('auto'),
    owner: OwnerSourceSchema,
    /** Holder name typed by the analyst; else the title block's, when it has one. */
    holderName: z.string().trim().min(1).optional(),
    /** Currency of the statement when no column gives it: a typed code, else the title block's, else the unit's default. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 currency code').optional(),
    columns: z
      .object({
        date: column,
        reference: column.optional(),
        description: column.optional(),
        balance: column.optional(),
        counterpartyAccount: column.optional(),
        counterpartyName: column.optional(),
        currency: column.optional(),
        channel: column.optional(),
      })
      .strict(),
    direction: DirectionSchema,
    patterns: z.array(CounterpartyPatternSchema).max(50).default([]),
  })
  .strict();
export type StatementMapping = z.infer<typeof StatementMappingSchema>;
export type StatementMappingInput = z.input<typeof StatementMappingSchema>;

/** A statement mapping that could not be read; the message names the field path. */
export class StatementMappingError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StatementMappingError';
  }
}

export function isStatementMappingJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === STATEMENT_MAPPING_TAG;
}

export function parseStatementMapping(input: unknown): StatementMapping {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new StatementMappingError(`Invalid statement mapping: not JSON (${(error as Error).message})`, '');
    }
  }
  const result = StatementMappingSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  throw new StatementMappingError(`Invalid statement mapping at ${path || '(root)'}: ${issue?.message ?? 'invalid'}`, path);
}

export function serializeStatementMapping(mapping: StatementMapping): string {
  return JSON.stringify(StatementMappingSchema.parse(mapping), null, 2);
}
