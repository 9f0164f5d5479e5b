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
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCase } from '../shared/generator';
import { CASE_FILES, writeGeneratedCase } from '../cli/writeCase';

export const DEMO_OPTIONS = { seed: 20_260_042, transactions: 4000, startDate: '2025-07-01', days: 180 } as const;

export function writeDemo(outDir: string): { files: string[]; transactions: number; accounts: number; labels: number } {
  const generated = generateCase(DEMO_OPTIONS);
  const files = writeGeneratedCase(outDir, generated, DEMO_OPTIONS);
  const manifest = {
    case: { number: 'UIAF-2026-0042', name: 'Operación Caudal (demo)', profileId: 'co-uiaf', analyst: 'Analista demo', classification: 'RESERVADO' },
    files: CASE_FILES,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  files.push('manifest.json');
  return { files, transactions: generated.dataset.transactions.length, accounts: generated.dataset.accounts.length, labels: generated.labels.length };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../assets/demo');
  const result = writeDemo(outDir);
  console.log(`demo: ${result.transactions} transactions, ${result.accounts} accounts, ${result.labels} planted patterns → ${outDir}`);
  for (const file of result.files) console.log(`  ${file}`);
}
