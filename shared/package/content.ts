import { z } from 'zod';
import { AccountSchema, AlertSchema, PartySchema, ShipmentSchema, TransactionSchema } from '../model';
import { PsiMessageSchema, type PsiMessage } from './psi';

/**
 * What a package carries once decrypted: sanitised records in the ordinary
 * model schemas (so the partner's app, graph and detectors read them like
 * local data), plus alerts, chart layouts and match hits.
 */

export const SharedChartSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  view: z.enum(['accounts', 'parties', 'trade']),
  nodes: z.array(z.object({ id: z.string().min(1), x: z.number().finite(), y: z.number().finite() })),
});
export type SharedChart = z.infer<typeof SharedChartSchema>;

/** A hit from version-1 hashed matching (no longer written: matching is psi.ts); kept so stored packages still parse. */
export const SharedHitSchema = z.object({
  filter: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['party', 'account']),
  recordId: z.string().min(1),
});
export type SharedHit = z.infer<typeof SharedHitSchema>;

/** `psi` carries one private-set-intersection message (a match request or its reply; see psi.ts). */
export const PART_KINDS = ['parties', 'accounts', 'transactions', 'shipments', 'alerts', 'charts', 'hits', 'psi'] as const;
export type PartKind = (typeof PART_KINDS)[number];
export const PartKindSchema = z.enum(PART_KINDS);

export const PART_SCHEMAS = {
  parties: z.array(PartySchema),
  accounts: z.array(AccountSchema),
  transactions: z.array(TransactionSchema),
  shipments: z.array(ShipmentSchema),
  alerts: z.array(AlertSchema),
  charts: z.array(SharedChartSchema),
  hits: z.array(SharedHitSchema),
  psi: z.array(PsiMessageSchema).max(1),
} as const;

export const PackageContentSchema = z.object(PART_SCHEMAS);
export type PackageContent = z.infer<typeof PackageContentSchema>;

export const emptyContent = (): PackageContent => ({ parties: [], accounts: [], transactions: [], shipments: [], alerts: [], charts: [], hits: [], psi: [] });

/** The content of a match request or reply package: the one PSI message and nothing else. */
export const psiContent = (message: PsiMessage): PackageContent => ({ ...emptyContent(), psi: [message] });
