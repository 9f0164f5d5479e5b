import { describe, expect, it } from 'vitest';
import { importFtmLines } from '../../../shared/interop/ftm';

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
