import { z } from 'zod';
import { AccountSchema, AlertSchema, PartySchema, ShipmentSchema, TransactionSchema } from '../model';

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

/** A hit from hashed matching, sent back in a reply so the originator can map it to its own subject. */
export const SharedHitSchema = z.object({
  filter: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['party', 'account']),
  recordId: z.string().min(1),
});
export type SharedHit = z.infer<typeof SharedHitSchema>;

export const PART_KINDS = ['parties', 'accounts', 'transactions', 'shipments', 'alerts', 'charts', 'hits'] as const;
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
} as const;

export const PackageContentSchema = z.object(PART_SCHEMAS);
export type PackageContent = z.infer<typeof PackageContentSchema>;

export const emptyContent = (): PackageContent => ({ parties: [], accounts: [], transactions: [], shipments: [], alerts: [], charts: [], hits: [] });
