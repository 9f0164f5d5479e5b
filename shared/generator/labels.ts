import type { CaseDataset } from '../model';

/**
 * Typology ids shared with the detectors (shared/detect): a planted pattern's
 * `typology` is exactly the id of the detector expected to find it.
 */
export const TYPOLOGY_IDS = [
  'structuring',
  'fan-in',
  'fan-out',
  'scatter-gather',
  'gather-scatter',
  'cycle',
  'pass-through',
  'high-risk-jurisdiction',
  'round-amounts',
  'dormant-reactivation',
  'trade-unit-value',
  'trade-phantom-payment',
  'trade-third-party',
] as const;
export type TypologyId = (typeof TYPOLOGY_IDS)[number];

/** Ground truth for one planted pattern: the evidence a detector should point at. */
export interface PlantedPattern {
  id: string;
  typology: TypologyId;
  accounts: string[];
  parties: string[];
  transactions: string[];
  shipments: string[];
}

export const BENIGN_KINDS = ['payroll', 'merchant', 'family', 'rent', 'suppliers', 'loan'] as const;
export type BenignKind = (typeof BENIGN_KINDS)[number];

/** An ordinary pattern that resembles a typology and must not raise an alert. */
export interface BenignPattern {
  id: string;
  kind: BenignKind;
  accounts: string[];
}

export interface GeneratedCase {
  dataset: CaseDataset;
  labels: PlantedPattern[];
  benign: BenignPattern[];
}
