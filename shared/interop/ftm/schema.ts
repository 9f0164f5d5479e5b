import { z } from 'zod';

/**
 * One FollowTheMoney entity as JSON lines carry it: id, schema and
 * multi-valued string properties. Written from FtM's public (MIT) model
 * documentation; only the schemata and properties Caudal reads or writes are
 * named in the code, every other property is kept out of the case.
 */
export const FtmEntitySchema = z.object({
  id: z.string().regex(/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/, 'is not a valid FtM entity id').max(1024),
  schema: z.string().min(1),
  properties: z.record(z.string(), z.array(z.string())).default({}),
});
export type FtmEntity = z.infer<typeof FtmEntitySchema>;

export const FTM_WRITTEN_SCHEMATA = ['Person', 'Company', 'LegalEntity', 'BankAccount', 'Payment', 'Ownership', 'Directorship', 'Representation', 'Identification'] as const;
export const FTM_PARTY_SCHEMATA = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody']);

/** Marks entities Caudal writes only to carry a transaction's or account's own wording (not records of the case). */
export const DERIVED_KEYWORD = 'caudal:derived';
/** Payment.summary prefix carrying Caudal's channel (FtM Payment has no channel property). */
export const CHANNEL_SUMMARY = 'caudal:channel=';
