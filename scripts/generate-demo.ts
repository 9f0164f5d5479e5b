/**
 * Writes the bundled demo case to assets/demo/ from a fixed seed:
 *   transactions.csv (a Colombian bank's export: bank-es layout, UTF-8 with BOM like Excel),
 *   accounts.csv (bank-es), parties.csv and shipments.csv (plain), labels.json (ground truth),
 *   mappings/*.json (saved column mappings) and manifest.json (what the app's demo button imports).
 *
 *   npm run demo:generate
 *
 * The output is deterministic, so re-running it changes nothing unless the generator changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LAYOUTS, generateCase, mappingSpecFor, toCsv } from '../shared/generator';
import { serializeMappingSpec } from '../shared/import';
import type { RecordKind } from '../shared/model';

export const DEMO_OPTIONS = { seed: 20_260_042, transactions: 4000, startDate: '2025-07-01', days: 180 } as const;

const FILES: { kind: RecordKind; path: string; mapping: string }[] = [
  { kind: 'transaction', path: 'transactions.csv', mapping: 'mappings/bancolombia-movimientos.json' },
  { kind: 'account', path: 'accounts.csv', mapping: 'mappings/bancolombia-productos.json' },
  { kind: 'party', path: 'parties.csv', mapping: 'mappings/registro-personas.json' },
  { kind: 'shipment', path: 'shipments.csv', mapping: 'mappings/dian-declaraciones.json' },
];

export function writeDemo(outDir: string): { files: string[]; transactions: number; accounts: number; labels: number } {
  const generated = generateCase(DEMO_OPTIONS);
  const { dataset } = generated;
  const recordsOf: Record<RecordKind, readonly unknown[]> = {
    transaction: dataset.transactions,
    account: dataset.accounts,
    party: dataset.parties,
    shipment: dataset.shipments,
  };
  mkdirSync(join(outDir, 'mappings'), { recursive: true });
  const written: string[] = [];
  const write = (path: string, text: string) => {
    writeFileSync(join(outDir, path), text, 'utf8');
    written.push(path);
  };
  for (const file of FILES) {
    const layout = DEFAULT_LAYOUTS[file.kind];
    // Excel writes a byte-order mark in front of "CSV UTF-8"; bank exports keep it.
    const bom = layout === 'bank-es' ? '\uFEFF' : '';
    write(file.path, bom + toCsv(file.kind, recordsOf[file.kind] as never, layout));
    write(file.mapping, serializeMappingSpec(mappingSpecFor(file.kind, layout)) + '\n');
  }
  write('labels.json', JSON.stringify({ generator: DEMO_OPTIONS, labels: generated.labels, benign: generated.benign }, null, 1) + '\n');
  const manifest = {
    case: { number: 'UIAF-2026-0042', name: 'Operación Caudal (demo)', profileId: 'co-uiaf', analyst: 'Analista demo', classification: 'RESERVADO' },
    files: FILES,
  };
  write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return { files: written, transactions: dataset.transactions.length, accounts: dataset.accounts.length, labels: generated.labels.length };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/demo');
  const result = writeDemo(outDir);
  console.log(`demo: ${result.transactions} transactions, ${result.accounts} accounts, ${result.labels} planted patterns → ${outDir}`);
  for (const file of result.files) console.log(`  ${file}`);
}
