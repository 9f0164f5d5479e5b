import { z } from 'zod';

export const LanguageSchema = z.enum(['es', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/** Text in every UI language; alerts carry both so switching language needs no re-run. */
export const LocalizedTextSchema = z.object({ es: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const ALERT_STATUSES = ['new', 'in_review', 'escalated', 'dismissed'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** One explained piece of an alert's score: "12× its usual number of senders" adding `value` points. */
export const ScoreComponentSchema = z.object({
  id: z.string(),
  label: LocalizedTextSchema,
  /** Contribution to the 0..100 score. */
  value: z.number(),
});
export type ScoreComponent = z.infer<typeof ScoreComponentSchema>;

export const AlertSchema = z.object({
  /** Deterministic: typology + sorted evidence, so re-running detection keeps triage attached. */
  id: z.string(),
  typology: z.string(),
  score: z.number().min(0).max(100),
  accounts: z.array(z.string()),
  parties: z.array(z.string()),
  transactions: z.array(z.string()),
  shipments: z.array(z.string()).default([]),
  window: z.object({ from: z.number(), to: z.number() }),
  /** Total amount per currency code over the evidence transactions. */
  totals: z.record(z.string(), z.number()),
  explanation: LocalizedTextSchema,
  /** The account or party the pattern centres on, when there is one (hub, funnel, origin). */
  focus: z.string().optional(),
  /** The explained pieces of `score` (absent on alerts stored before they existed). */
  scoreComponents: z.array(ScoreComponentSchema).optional(),
  /** Every typology a merged scheme alert showed, `typology` first (absent on older alerts: read as [typology]). */
  shapes: z.array(z.string()).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const TriageSchema = z.object({
  alertId: z.string(),
  status: AlertStatusSchema,
  reason: z.string().optional(),
  notes: z.array(z.object({ at: z.number(), text: z.string().min(1) })).default([]),
  updatedAt: z.number(),
});
export type Triage = z.infer<typeof TriageSchema>;
