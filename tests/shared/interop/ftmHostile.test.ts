import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ftmFileTooLarge, importFtmLines, MAX_FTM_FILE_BYTES } from '../../../shared/interop/ftm';
import { createCase } from '../../../renderer/db/cases';
import { CaudalDatabase } from '../../../renderer/db/schema';
import { runGoamlJob } from '../../../renderer/features/import/goaml/goamlJob';
import type { FromGoamlWorker } from '../../../renderer/features/import/goaml/goamlProtocol';

/**
 * FtM JSON lines that play the attacker: property names that are
 * prototype keys, many fragments of one id, a megabyte-long value, deep
 * nesting in fields the reader does not use, and entities that claim
 * Caudal's own id form.
 */

const read = (lines: unknown[]) => importFtmLines(lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'), { sha256: 'e'.repeat(64), fileName: 'socio.ftm.json' });

describe('FtM import: hostile lines', () => {
  it('treats "__proto__" and "constructor" property names as plain keys: no crash, no pollution, the entity still read', () => {
    const outcome = read([
      { id: 'p1', schema: 'Person', properties: { name: ['Ana Pérez'] } },
      '{"id":"p1","schema":"Person","properties":{"__proto__":["x"],"constructor":["y"],"country":["co"]}}',
      '{"id":"p2","schema":"Company","__proto__":{"polluted":"yes"},"properties":{"name":["Alfa SAS"],"__proto__":["z"]}}',
    ]);
    expect(outcome.parties.map((party) => party.name).sort()).toEqual(['Alfa SAS', 'Ana Pérez']);
    expect(outcome.quarantine).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('merges 100,000 fragments of one id in linear time and keeps every value', () => {
    const fragments = Array.from({ length: 100_000 }, (_, index) => ({ id: 'same', schema: 'Person', properties: { name: ['Ana'], alias: [`alias ${index}`] } }));
    const outcome = read(fragments);
    expect(outcome.counts).toMatchObject({ read: 1, imported: 1 });
    expect(outcome.parties).toHaveLength(1);
  });

  it('quarantines an entity with a value over 1 MiB, naming line, id and property', () => {
    const outcome = read([
      { id: 'ok', schema: 'Person', properties: { name: ['Berta'] } },
      { id: 'grande', schema: 'Person', properties: { name: ['x'.repeat(2 * 1024 * 1024)] } },
    ]);
    expect(outcome.parties.map((party) => party.name)).toEqual(['Berta']);
    expect(outcome.quarantine).toEqual([expect.objectContaining({ file: 'socio.ftm.json', line: 2, column: 'grande', field: 'properties.name', reason: expect.stringMatching(/2,097,152 characters; the limit is 1,048,576/) })]);
  });

  it('reads an entity whose unused field nests 100,000 arrays deep, and names the line of a line that is not JSON', () => {
    const deep = `{"id":"d1","schema":"Person","properties":{"name":["Dora"]},"extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const outcome = read([deep, '{"id":"d2",']);
    expect(outcome.parties.map((party) => party.name)).toEqual(['Dora']);
    expect(outcome.quarantine).toEqual([expect.objectContaining({ line: 2, field: 'json' })]);
  });

  it('refuses property values of the wrong type with the line instead of reading them', () => {
    const outcome = read([{ id: 'w1', schema: 'Person', properties: { name: 'no es una lista' } }]);
    expect(outcome.parties).toHaveLength(0);
    expect(outcome.quarantine).toEqual([expect.objectContaining({ line: 1, field: 'properties.name' })]);
  });
});

describe('FtM import: a file too large to read whole', () => {
  it('is refused by its size before being read into one string, in English and Spanish, and stores nothing', async () => {
    expect(ftmFileTooLarge('socio.ftm.json', MAX_FTM_FILE_BYTES)).toBeUndefined();
    const db = new CaudalDatabase(`caudal-ftm-hostile-${process.pid}`);
    try {
      const caseId = (await createCase(db, { number: 'F-1', name: 'FtM', profileId: 'co-uiaf', analyst: '', classification: 'RESERVADO' })).id;
      const bytes = new TextEncoder().encode(JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Ana'] } }));
      // The announced size is what a picked 600 MB file reports; the bytes behind it never need reading.
      const messages: FromGoamlWorker[] = [];
      await runGoamlJob(db, { caseId, blob: new Blob([bytes]), name: 'enorme.ftm.json', size: 600 * 1024 * 1024, defaultCurrency: 'COP', format: 'ftm' }, new AbortController().signal, (message) => messages.push(message));
      expect(messages.at(-1)).toMatchObject({
        type: 'failed',
        code: 'too-large',
        message: 'enorme.ftm.json: an FtM file is read whole and this one is 600 MB (limit 256 MB); split it (one file per case or per schema) and import the parts',
        messageEs: expect.stringMatching(/^enorme\.ftm\.json: un archivo FtM se lee entero y este pesa 600 MB/),
      });
      expect(await db.imports.count()).toBe(0);
      expect(await db.chunks.count()).toBe(0);
    } finally {
      db.close();
      await db.delete();
    }
  });
});
