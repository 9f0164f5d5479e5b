import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RecordByKind, RecordKind } from '../../../shared/model';
import { bytesSource, hashSource, importCsv, sniffCsv, suggestMapping, type ImportOptions, type ImportOutcome, type MappingSpec } from '../../../shared/import';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

export interface Imported<K extends RecordKind> {
  outcome: ImportOutcome;
  records: RecordByKind[K][];
  spec: MappingSpec;
  sha256: string;
}

/** Sniff → suggest → import, as the app does; small chunks exercise every boundary. */
export async function importBytes<K extends RecordKind>(
  kind: K,
  name: string,
  bytes: Uint8Array,
  options: { chunkSize?: number; adjust?(spec: MappingSpec): MappingSpec; extra?: Partial<ImportOptions<K>> } = {},
): Promise<Imported<K>> {
  const suggestion = suggestMapping(kind, sniffCsv(bytes.subarray(0, 64 * 1024)), name);
  const spec = options.adjust ? options.adjust(suggestion.spec) : suggestion.spec;
  const source = bytesSource(name, bytes, options.chunkSize ?? 7);
  const sha256 = await hashSource(source);
  const records: RecordByKind[K][] = [];
  const outcome = await importCsv<K>(source, {
    spec,
    sha256,
    importedAt: 1_700_000_000_000,
    ...options.extra,
    onBatch: (batch) => {
      records.push(...batch);
    },
  });
  return { outcome, records, spec, sha256 };
}

export function importFixture<K extends RecordKind>(kind: K, name: string, options: Parameters<typeof importBytes<K>>[3] = {}) {
  return importBytes(kind, name, fixtureBytes(name), options);
}

export const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
