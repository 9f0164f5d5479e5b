import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RecordByKind, RecordKind } from '../../../shared/model';
import { bytesSource, hashSource, importCsv, sniffCsv, suggestMapping, type ImportSettings, type ImportOutcome, type MappingSpec } from '../../../shared/import';

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
  options: { chunkSize?: number; adjust?(spec: MappingSpec): MappingSpec; extra?: Partial<ImportSettings> } = {},
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
  expectEveryLineAccounted(outcome, bytes);
  return { outcome, records, spec, sha256 };
}

/**
 * Physical lines of a file counted independently of the importer: line breaks
 * of the file's own kind ('\n', or '\r' in old Mac files), plus a last line
 * without one. Decoding is only needed to find the break character.
 */
export function physicalLines(text: string): number {
  const body = text.replace(/^\uFEFF/, '');
  if (body.length === 0) return 0;
  const lineBreak = body.includes('\n') ? '\n' : body.includes('\r') ? '\r' : '\n';
  let count = 0;
  for (let i = body.indexOf(lineBreak); i >= 0; i = body.indexOf(lineBreak, i + 1)) count++;
  return body.endsWith(lineBreak) ? count : count + 1;
}

/** The physical-line identity: every line of the file is in exactly one bucket. */
export function expectEveryLineAccounted(outcome: ImportOutcome, bytes?: Uint8Array, text?: string): void {
  const { lines } = outcome.counts;
  const sum = lines.header + lines.blank + lines.imported + lines.quarantined + lines.duplicates;
  if (sum !== lines.total) throw new Error(`line buckets add up to ${sum}, not the ${lines.total} lines read: ${JSON.stringify(lines)}`);
  const decoded = text ?? (bytes && outcome.file.encoding === 'utf-8' ? new TextDecoder().decode(bytes) : undefined);
  if (decoded !== undefined && physicalLines(decoded) !== lines.total) {
    throw new Error(`the file has ${physicalLines(decoded)} physical lines but the importer counted ${lines.total}`);
  }
  if (lines.quarantined < outcome.counts.quarantined || lines.imported < outcome.counts.imported || lines.duplicates < outcome.counts.duplicates) {
    throw new Error(`fewer lines than records in a bucket: ${JSON.stringify(outcome.counts)}`);
  }
}

export function importFixture<K extends RecordKind>(kind: K, name: string, options: Parameters<typeof importBytes<K>>[3] = {}) {
  return importBytes(kind, name, fixtureBytes(name), options);
}

export const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => Date.UTC(y, m - 1, d, h, min, s);

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
