import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../../shared/import/build';
import { prng } from './fuzzCorpus';

/** What SeenIds must answer: exactly a Set's "was it new?". */
function reference(ids: readonly string[]): boolean[] {
  const seen = new Set<string>();
  return ids.map((id) => {
    const fresh = !seen.has(id);
    seen.add(id);
    return fresh;
  });
}

const answers = (ids: readonly string[]): boolean[] => {
  const seen = new SeenIds();
  return ids.map((id) => seen.add(id));
};

describe('SeenIds', () => {
  it('answers as a Set on 2,000 random id sequences: sorted runs, then repeats, wide characters, surrogate pairs, long ids', () => {
    const random = prng(777);
    const alphabet = ['A', 'B', 'z', '0', '9', 'ñ', 'ÿ', 'Ā', '中', '😀', '\uD800', '\u0000', '__proto__'];
    for (let round = 0; round < 2000; round++) {
      const ids: string[] = [];
      const sortedPrefix = random.int(300);
      for (let index = 0; index < sortedPrefix; index++) ids.push(`TX${String(index).padStart(8, '0')}${random.next() < 0.05 ? random.pick(alphabet) : ''}`);
      // Sorted by construction only where no wide character was appended; sort to be sure.
      ids.sort();
      const tail = random.int(60);
      for (let index = 0; index < tail; index++) {
        if (ids.length > 0 && random.next() < 0.4) ids.push(ids[random.int(ids.length)] as string);
        else {
          let id = '';
          const parts = random.int(random.next() < 0.02 ? 3000 : 6);
          for (let part = 0; part < parts; part++) id += random.pick(alphabet);
          ids.push(id);
        }
      }
      expect(answers(ids), JSON.stringify(ids.slice(0, 50))).toEqual(reference(ids));
    }
  });

  it('keeps a million increasing ids and still finds a repeat of the first after them', () => {
    const ids: string[] = [];
    for (let index = 0; index < 1_000_000; index++) ids.push(`TX${String(index).padStart(8, '0')}`);
    const seen = new SeenIds();
    for (const id of ids) expect(seen.add(id)).toBe(true);
    expect(seen.add('TX00000000')).toBe(false);
    expect(seen.add('TX00999999')).toBe(false);
    expect(seen.add('TX00000000x')).toBe(true);
  });

  it('keeps ids whose characters need two bytes, switching in the middle of an id', () => {
    const ids = ['AB', 'ABĀ', 'ABĀ中', 'AC', 'AC😀', 'AD', 'AB', 'ABĀ', 'ABĀ中', 'AC😀', 'ZZ'];
    expect(answers(ids)).toEqual(reference(ids));
  });
});
