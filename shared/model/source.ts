import { z } from 'zod';
import { RecordKindSchema } from './records';

/** One imported file: the chain-of-custody entry every record's provenance points at. */
export const SourceFileSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  kind: RecordKindSchema,
  importedAt: z.number().int(),
  /** Name of the saved mapping used, and the mapping itself as applied (JSON). */
  mappingName: z.string(),
  mapping: z.unknown(),
  encoding: z.string(),
  delimiter: z.string(),
  counts: z.object({
    read: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    quarantined: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    /** Issue 10: where every physical line went (absent for files imported before). */
    lines: z
      .object({
        total: z.number().int().nonnegative(),
        header: z.number().int().nonnegative(),
        blank: z.number().int().nonnegative(),
        imported: z.number().int().nonnegative(),
        quarantined: z.number().int().nonnegative(),
        duplicates: z.number().int().nonnegative(),
      })
      .optional(),
  }),
});
export type SourceFile = z.infer<typeof SourceFileSchema>;

/** A row that failed validation, kept so the analyst can see exactly what and why. */
export const QuarantineEntrySchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.string(),
  field: z.string(),
  value: z.string(),
  /** English text, as the CLI prints it; rows stored before codes existed have only this. */
  reason: z.string(),
  /** Stable reason code (see shared/import/reasons.ts) and its parameters, for the analyst's language. */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Issue 10: `value` holds only the start of a longer text. */
  truncated: z.boolean().optional(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;
