import { describe, expect, it } from 'vitest';
import { RECORD_SCHEMAS, type RecordKind } from '../../../shared/model';
import { BENIGN_KINDS, DEFAULT_LAYOUTS, TYPOLOGY_IDS, generateCase, generatedFileHash, plantsPerTypology, toCsv } from '../../../shared/generator';

const small = generateCase({ seed: 7, transactions: 3000 });

describe('generateCase', () => {
  it('is deterministic: the same seed gives the same case, another seed a different one', () => {
    const again = generateCase({ seed: 7, transactions: 3000 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(small));
    const other = generateCase({ seed: 8, transactions: 3000 });
    expect(other.dataset.transactions[0]?.id).not.toBe(small.dataset.transactions[0]?.id);
  });

  it('produces exactly the requested number of transactions, in time order, with unique ids', () => {
    const { transactions } = small.dataset;
    expect(transactions).toHaveLength(3000);
    expect(new Set(transactions.map((t) => t.id)).size).toBe(3000);
    for (let i = 1; i < transactions.length; i++) expect(transactions[i]!.timestamp).toBeGreaterThanOrEqual(transactions[i - 1]!.timestamp);
  });

  it('keeps every row and shipment inside the requested period, even a short one', () => {
    const start = Date.UTC(2025, 0, 1);
    const short = generateCase({ seed: 3, transactions: 20_000, startDate: '2025-01-01', days: 30 });
    const end = start + 30 * 86_400_000;
    for (const t of short.dataset.transactions) {
      expect(t.timestamp).toBeGreaterThanOrEqual(start);
      expect(t.timestamp).toBeLessThan(end);
    }
    for (const s of short.dataset.shipments) expect(s.date >= start && s.date < end).toBe(true);
    for (const t of small.dataset.transactions) expect(t.timestamp % 1000).toBe(0);
  });

  it('emits records that satisfy the domain schemas', () => {
    const kinds: [RecordKind, unknown[]][] = [
      ['transaction', small.dataset.transactions],
      ['party', small.dataset.parties],
      ['account', small.dataset.accounts],
      ['shipment', small.dataset.shipments],
    ];
    for (const [kind, records] of kinds) {
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        const result = RECORD_SCHEMAS[kind].safeParse(record);
        if (!result.success) throw new Error(`${kind} ${JSON.stringify(record)}: ${result.error.message}`);
      }
    }
  });

  it('plants every typology at least three times and labels only ids that exist', () => {
    const txIds = new Set(small.dataset.transactions.map((t) => t.id));
    const accountIds = new Set(small.dataset.accounts.map((a) => a.id));
    const partyIds = new Set(small.dataset.parties.map((p) => p.id));
    const shipmentIds = new Set(small.dataset.shipments.map((s) => s.id));
    for (const typology of TYPOLOGY_IDS) expect(small.labels.filter((l) => l.typology === typology).length).toBeGreaterThanOrEqual(3);
    for (const label of small.labels) {
      expect(label.transactions.length + label.shipments.length).toBeGreaterThan(0);
      for (const id of label.transactions) expect(txIds.has(id)).toBe(true);
      for (const id of label.accounts) expect(accountIds.has(id)).toBe(true);
      for (const id of label.parties) expect(partyIds.has(id)).toBe(true);
      for (const id of label.shipments) expect(shipmentIds.has(id)).toBe(true);
    }
    for (const kind of BENIGN_KINDS) expect(small.benign.some((b) => b.kind === kind)).toBe(true);
    for (const b of small.benign) for (const id of b.accounts) expect(accountIds.has(id)).toBe(true);
  });

  it('scales the number of planted instances with size', () => {
    expect(plantsPerTypology(4000)).toBe(3);
    expect(plantsPerTypology(100_000)).toBe(5);
    expect(plantsPerTypology(1_000_000)).toBeGreaterThan(10);
  });

  it('never reveals a label in an id or a name', () => {
    const text = JSON.stringify(small.dataset).toLowerCase();
    for (const word of ['smurf', 'structuring', 'fan-in', 'mule', 'launder', 'cycle', 'phantom', 'planted']) expect(text).not.toContain(word);
  });

  it('plants structuring just under the cash threshold of the account currency', () => {
    const byId = new Map(small.dataset.transactions.map((t) => [t.id, t]));
    for (const label of small.labels.filter((l) => l.typology === 'structuring')) {
      const deposits = label.transactions.map((id) => byId.get(id)!);
      let total = 0;
      for (const t of deposits) {
        const threshold = t.currency === 'COP' ? 10_000_000 : 10_000;
        expect(t.channel).toBe('cash');
        expect(t.amount).toBeLessThan(threshold);
        expect(t.amount).toBeGreaterThanOrEqual(threshold * 0.8);
        total += t.amount;
      }
      expect(total).toBeGreaterThan(deposits[0]!.currency === 'COP' ? 10_000_000 : 10_000);
    }
  });

  it('contains a clear funnel: one account, many distinct senders within a few days', () => {
    const byId = new Map(small.dataset.transactions.map((t) => [t.id, t]));
    const clear = small.labels.find((l) => l.typology === 'fan-in')!;
    const txs = clear.transactions.map((id) => byId.get(id)!);
    expect(new Set(txs.map((t) => t.toAccount)).size).toBe(1);
    expect(new Set(txs.map((t) => t.fromAccount)).size).toBeGreaterThanOrEqual(12);
    const times = txs.map((t) => t.timestamp);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(3 * 86_400_000);
  });

  it('points each record at the line it occupies in the CSV written for its kind', () => {
    const check = <K extends RecordKind>(kind: K, records: { source: { file: string; line: number } }[], idOf: (r: never) => string) => {
      const lines = toCsv(kind, records as never, DEFAULT_LAYOUTS[kind]).split(/\r?\n/);
      for (const record of records) {
        expect(record.source.file).toBe(generatedFileHash(kind));
        expect(lines[record.source.line - 1]).toContain(idOf(record as never));
      }
    };
    check('transaction', small.dataset.transactions, (t: { id: string }) => t.id);
    check('party', small.dataset.parties, (p: { id: string }) => p.id);
    check('account', small.dataset.accounts, (a: { id: string }) => a.id);
    check('shipment', small.dataset.shipments, (s: { id: string }) => s.id);
  });
});
