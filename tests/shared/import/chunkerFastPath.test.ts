import { describe, expect, it } from 'vitest';
import { RecordChunker, type ChunkItem, type ChunkerOptions } from '../../../shared/import';
import { prng, type Random } from './fuzzCorpus';

/*
 * The chunker splits a plain line (no quote, not preamble, not inside an open
 * record) straight out of its buffer, and hands out one string per distinct
 * repeated cell. These tests hold it to the general line-by-line path
 * (plainLineFastPath: false) on the same text cut at the same places: same
 * items, same cells, same line numbers, for every input.
 */

function run(text: string, cuts: number[], options: ChunkerOptions): ChunkItem[] {
  const chunker = new RecordChunker(options);
  const items: ChunkItem[] = [];
  let from = 0;
  for (const cut of cuts) {
    items.push(...chunker.push(text.slice(from, cut)));
    from = cut;
  }
  items.push(...chunker.push(text.slice(from)));
  items.push(...chunker.finish());
  return items;
}

function bothWays(text: string, cuts: number[], options: ChunkerOptions): { fast: ChunkItem[]; general: ChunkItem[] } {
  return { fast: run(text, cuts, options), general: run(text, cuts, { ...options, plainLineFastPath: false }) };
}

function randomCuts(random: Random, length: number): number[] {
  const cuts: number[] = [];
  let at = 0;
  while (at < length) {
    at += 1 + random.int(Math.max(1, random.pick([3, 40, 4096])));
    if (at < length) cuts.push(at);
  }
  return cuts;
}

const PIECES = ['a', 'José', 'Peña', 'COP', 'USD', '12,50', '"', '""', '"x"', ' ', '\r', '\r\n', '\n', '\uFFFD', 'Ã©', '😀', '\u0000', '__proto__', 'constructor', ''];

function randomText(random: Random, delimiter: string): string {
  const lines: string[] = [];
  const width = 1 + random.int(6);
  const rows = random.int(60);
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    const cellCount = random.next() < 0.8 ? width : random.int(width * 2 + 1);
    for (let cell = 0; cell < cellCount; cell++) {
      let value = '';
      const parts = random.int(3);
      for (let part = 0; part < parts; part++) value += random.pick(PIECES);
      // Repeated values (what the interning keeps) next to fresh ones.
      if (random.next() < 0.3) value += String(random.int(random.pick([2, 50, 100000])));
      cells.push(random.next() < 0.05 ? value + delimiter : value);
    }
    lines.push(cells.join(delimiter));
  }
  return lines.join(random.pick(['\n', '\r\n'])) + (random.next() < 0.5 ? random.pick(['\n', '\r\n', '\r', delimiter]) : '');
}

describe('RecordChunker plain-line fast path', () => {
  it('gives the general path’s items on 3,000 random texts cut at random places', () => {
    const random = prng(4242);
    for (let round = 0; round < 3000; round++) {
      const delimiter = random.pick([',', ';', '\t', '|', '::']);
      const text = randomText(random, delimiter);
      const cuts = randomCuts(random, text.length);
      const options: ChunkerOptions = { delimiter, lineBreak: random.next() < 0.9 ? '\n' : '\r', skipLines: random.int(3), maxQuotedLines: 1 + random.int(5), maxQuotedChars: 1 + random.int(200), maxLineChars: 5 + random.int(300) };
      const { fast, general } = bothWays(text, cuts, options);
      expect(fast, JSON.stringify({ text, cuts, options })).toEqual(general);
    }
  });

  it('splits exactly like String.split, CR stripped, empty cells and a trailing delimiter kept', () => {
    const text = 'a;b;c\r\n;;\r\nx;;\r\n\r\nlast;\r\n;\r';
    const items = run(text, [3, 9], { delimiter: ';', lineBreak: '\n' });
    expect(items.map((item) => item.fields)).toEqual([['a', 'b', 'c'], ['', '', ''], ['x', '', ''], [''], ['last', ''], ['', '']]);
    expect(items.map((item) => item.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('hands out one string per distinct repeated cell, and never confuses lookalikes', () => {
    // Same length, same first, last, middle and quarter characters: the sampled hash collides; the text comparison must not.
    const lookalikes = ['AxxxxBxxxxC', 'AxyxxBxxxxC', 'AxxyxBxxxxC', 'AxxxxBxyxxC', 'AxxxxBxxyxC'];
    const lines = ['name,currency'];
    for (let row = 0; row < 5000; row++) lines.push(`${lookalikes[row % lookalikes.length]},${row % 2 ? 'COP' : 'USD'}`);
    const items = run(lines.join('\n'), [7, 1000, 20000], { delimiter: ',', lineBreak: '\n' });
    expect(items).toHaveLength(5001);
    items.slice(1).forEach((item, row) => expect(item.fields).toEqual([lookalikes[row % lookalikes.length], row % 2 ? 'COP' : 'USD']));
    // The repeated cells are one string each, not one per row (what saves allocation and hashing later).
    const distinctNames = new Set(items.slice(1).map((item) => (item.fields as string[])[0]));
    expect(distinctNames.size).toBe(lookalikes.length);
  });

  it('stays exact and linear on a column of 100,000 values that all share the sampled hash', () => {
    const lines = ['id,value'];
    // Differ only in characters the hash does not sample.
    for (let row = 0; row < 100_000; row++) lines.push(`A${String(row).padStart(6, '0')}Z${String(row % 7)}00000000Q,k`);
    const text = lines.join('\n');
    const items = run(text, [], { delimiter: ',', lineBreak: '\n' });
    expect(items).toHaveLength(100_001);
    for (let row = 0; row < 100_000; row += 997) expect((items[row + 1] as ChunkItem).fields).toEqual([`A${String(row).padStart(6, '0')}Z${String(row % 7)}00000000Q`, 'k']);
    expect(run(text, [], { delimiter: ',', lineBreak: '\n', plainLineFastPath: false })).toEqual(items);
  });

  it('keeps hostile cells as plain text: __proto__ headers, huge fields, stray quotes, mixed encodings', () => {
    const huge = 'x'.repeat(200_000);
    const text = ['__proto__,constructor,toString', `${huge},a,b`, '"Pago a El Dorado,1,2', 'JosÃ©,Jos\uFFFD,José', '__proto__,__proto__,__proto__', 'c,d'].join('\n');
    const { fast, general } = bothWays(text, [5, 100_000, 200_010], { delimiter: ',', lineBreak: '\n', maxQuotedLines: 2 });
    expect(fast).toEqual(general);
    expect(fast[0]?.fields).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(fast[0]?.fields)).toBe(Array.prototype);
    expect(fast[1]?.fields?.[0]).toHaveLength(200_000);
    expect(fast.map((item) => item.broken?.code ?? null)).toContain('unclosed-quote');
    expect(fast.find((item) => item.line === 4)?.fields).toEqual(['JosÃ©', 'Jos\uFFFD', 'José']);
  });

  it('reports an over-long plain line as broken, as the general path does', () => {
    const text = `a,b\n${'y'.repeat(300)},1\nc,d\n`;
    const { fast, general } = bothWays(text, [10, 200], { delimiter: ',', lineBreak: '\n', maxLineChars: 100 });
    expect(fast).toEqual(general);
    expect(fast.map((item) => item.broken?.code ?? item.fields)).toEqual([['a', 'b'], 'line-too-long', ['c', 'd']]);
  });
});
