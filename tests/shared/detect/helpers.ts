import type { Account, CaseDataset, Channel, Shipment, Transaction } from '../../../shared/model';
import { builtinProfile, type UnitProfile } from '../../../shared/profiles';

const SOURCE = { file: '0'.repeat(64), line: 1 };

/** UTC instant of a date (and hour), the way imported records store it. */
export function at(date: string, hour = 12): number {
  return Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
}

export function addDays(date: string, days: number, hour = 12): number {
  return at(date, hour) + days * 86_400_000;
}

let counter = 0;

export interface TxSpec {
  from: string;
  to: string;
  amount: number;
  time: number;
  currency?: string;
  channel?: Channel;
  id?: string;
  fromParty?: string;
  toParty?: string;
  fromCountry?: string;
  toCountry?: string;
}

export function tx(spec: TxSpec): Transaction {
  counter += 1;
  const record: Transaction = {
    id: spec.id ?? `T${String(counter).padStart(6, '0')}`,
    timestamp: spec.time,
    fromAccount: spec.from,
    toAccount: spec.to,
    amount: spec.amount,
    currency: spec.currency ?? 'USD',
    channel: spec.channel ?? 'transfer',
    source: SOURCE,
  };
  if (spec.fromParty) record.fromPartyName = spec.fromParty;
  if (spec.toParty) record.toPartyName = spec.toParty;
  if (spec.fromCountry) record.fromCountry = spec.fromCountry;
  if (spec.toCountry) record.toCountry = spec.toCountry;
  return record;
}

export function shipment(spec: Partial<Shipment> & Pick<Shipment, 'id' | 'date' | 'exporter' | 'importer' | 'quantity' | 'declaredValue'>): Shipment {
  return {
    originCountry: 'CN',
    destinationCountry: 'CO',
    hsCode: '090111',
    unit: 'kg',
    currency: 'USD',
    source: SOURCE,
    ...spec,
  };
}

export function account(id: string, fields: Partial<Account> = {}): Account {
  return { id, source: SOURCE, ...fields };
}

export function dataset(transactions: Transaction[], extra: Partial<CaseDataset> = {}): CaseDataset {
  return { transactions, parties: [], accounts: [], shipments: [], ...extra };
}

export function profile(id: string): UnitProfile {
  const found = builtinProfile(id);
  if (!found) throw new Error(`no profile ${id}`);
  return structuredClone(found);
}

/** Deterministic pseudo-random numbers so background noise is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
