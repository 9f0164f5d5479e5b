import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import type { SourceFile } from '../../../shared/model';
import { CaudalDatabase } from '../../../renderer/db/schema';

let counter = 0;

/** A database of its own per test, so tests never see each other's rows. */
export function freshDatabase(): CaudalDatabase {
  counter += 1;
  return new CaudalDatabase(`caudal-test-${process.pid}-${counter}`);
}

/** A fresh database before each test of the enclosing block, handed to `onCreate`; closed and deleted after it. */
export function useFreshDatabase(onCreate: (db: CaudalDatabase) => void): void {
  let current: CaudalDatabase | undefined;
  beforeEach(() => {
    current = freshDatabase();
    onCreate(current);
  });
  afterEach(async () => {
    const ending = current;
    current = undefined;
    ending?.close();
    await ending?.delete();
  });
}

export function sha(seed: string): string {
  return seed.repeat(64).slice(0, 64);
}

export function sourceFile(sha256: string, overrides: Partial<SourceFile> = {}): SourceFile {
  return {
    sha256,
    name: 'extracto-octubre.csv',
    size: 1234,
    kind: 'transaction',
    importedAt: 0,
    mappingName: 'Banco Andino',
    mapping: {},
    encoding: 'windows-1252',
    delimiter: ';',
    counts: { read: 0, imported: 0, quarantined: 0, duplicates: 0 },
    ...overrides,
  };
}

export function transaction(id: string, sha256: string, line: number) {
  return {
    id,
    timestamp: Date.UTC(2026, 9, 1),
    fromAccount: 'A1',
    toAccount: 'B2',
    amount: 1500.5,
    currency: 'COP',
    channel: 'wire',
    source: { file: sha256, line },
  };
}
