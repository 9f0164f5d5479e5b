import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TYPOLOGY_IDS, type PlantedPattern } from '../../../shared/generator';
import { MappingSpecSchema, bytesSource, hashSource, importCsv, parseMappingSpec } from '../../../shared/import';
import type { RecordKind } from '../../../shared/model';
import { writeDemo } from '../../../scripts/generate-demo';

const demoDir = resolve(import.meta.dirname, '../../../assets/demo');
const manifest = JSON.parse(readFileSync(join(demoDir, 'manifest.json'), 'utf8')) as {
  case: Record<string, string>;
  files: { path: string; kind: RecordKind; mapping: string }[];
};
const labels = JSON.parse(readFileSync(join(demoDir, 'labels.json'), 'utf8')) as { labels: PlantedPattern[] };

async function importDemoFile(entry: (typeof manifest.files)[number]) {
  const bytes = readFileSync(join(demoDir, entry.path));
  const source = bytesSource(entry.path, new Uint8Array(bytes));
  const spec = parseMappingSpec(readFileSync(join(demoDir, entry.mapping), 'utf8'));
  const ids: string[] = [];
  const outcome = await importCsv(source, { spec, sha256: await hashSource(source), onBatch: (batch) => void ids.push(...batch.map((r) => (r as { id: string }).id)) });
  return { ids, outcome, spec };
}

describe('bundled demo case', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'caudal-demo-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is exactly what scripts/generate-demo.ts writes (committed files are up to date)', () => {
    const { files } = writeDemo(scratch);
    for (const file of files) expect(readFileSync(join(scratch, file), 'utf8'), file).toBe(readFileSync(join(demoDir, file), 'utf8'));
    expect(readdirSync(join(demoDir, 'mappings')).sort()).toEqual(readdirSync(join(scratch, 'mappings')).sort());
  });

  it('describes the UIAF case and one file per record kind with a saved mapping', () => {
    expect(manifest.case).toMatchObject({ number: 'UIAF-2026-0042', profileId: 'co-uiaf', classification: 'RESERVADO' });
    expect(manifest.files.map((f) => f.kind).sort()).toEqual(['account', 'party', 'shipment', 'transaction']);
    expect(manifest.files.find((f) => f.kind === 'transaction')).toEqual({ path: 'transactions.csv', kind: 'transaction', mapping: 'mappings/bancolombia-movimientos.json' });
  });

  it('ships mappings that validate against MappingSpecSchema and match their file kind', () => {
    for (const entry of manifest.files) {
      const json: unknown = JSON.parse(readFileSync(join(demoDir, entry.mapping), 'utf8'));
      const result = MappingSpecSchema.safeParse(json);
      expect(result.success, `${entry.mapping}: ${result.success ? '' : result.error.message}`).toBe(true);
      expect(result.data?.kind).toBe(entry.kind);
    }
  });

  it('imports every file with its mapping without a single quarantined row, and the labels point at imported ids', async () => {
    const imported = new Map<RecordKind, Set<string>>();
    for (const entry of manifest.files) {
      const { ids, outcome } = await importDemoFile(entry);
      expect(outcome.quarantine, entry.path).toEqual([]);
      expect(outcome.counts.duplicates).toBe(0);
      imported.set(entry.kind, new Set(ids));
    }
    const transactions = imported.get('transaction')!;
    expect(transactions.size).toBe(4000);
    expect(imported.get('account')!.size).toBeGreaterThan(400);
    for (const label of labels.labels) {
      for (const id of label.transactions) expect(transactions.has(id)).toBe(true);
      for (const id of label.accounts) expect(imported.get('account')!.has(id)).toBe(true);
      for (const id of label.parties) expect(imported.get('party')!.has(id)).toBe(true);
      for (const id of label.shipments) expect(imported.get('shipment')!.has(id)).toBe(true);
    }
  });

  it('plants every typology, including a clear funnel, fan-out and cycle', () => {
    for (const typology of TYPOLOGY_IDS) expect(labels.labels.filter((l) => l.typology === typology).length, typology).toBeGreaterThanOrEqual(3);
    const funnel = labels.labels.find((l) => l.typology === 'fan-in')!;
    expect(funnel.transactions.length).toBeGreaterThanOrEqual(12);
  });

  it('writes transactions.csv as Excel does: UTF-8 with a byte-order mark, ; and a two-line preamble', () => {
    const bytes = readFileSync(join(demoDir, 'transactions.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^BANCO.* — Reporte de movimientos$/);
    expect(lines[2]).toMatch(/^Fecha;Hora;Referencia;Cuenta origen;Ordenante;/);
    expect(lines[3]).toMatch(/^\d{2}\/\d{2}\/\d{4};\d{2}:\d{2}:\d{2};/);
  });
});
