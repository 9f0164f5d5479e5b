import { describe, expect, it } from 'vitest';
import { BROKEN_TEXT_CHARS, ImportError, MAX_LINE_CHARS, MAX_QUOTED_LINES, RecordChunker, type ChunkItem, type MappingSpec } from '../../../shared/import';
import { encodeUtf8, importBytes } from './helpers';

/*
 * Files a bank or an adversary could produce. Every import here also passes
 * through importBytes' physical-line check (helpers.ts): each line of the file
 * is imported, quarantined, a duplicate, or header/preamble/blank.
 */

const HEADER = 'id,fecha,monto,concepto,moneda,cuenta origen,cuenta destino';

function goodRows(count: number, from = 1): string[] {
  const rows: string[] = [];
  for (let i = from; i < from + count; i++) rows.push(`R${i},2025-07-01,${i}.50,pago ${i},USD,A${i % 97},B${i % 89}`);
  return rows;
}

const pinned = (spec: MappingSpec): MappingSpec => ({ ...spec, dateOrder: 'DMY' });

describe('a stray quote never swallows the rows after it', () => {
  it('imports all 300,000 good rows after `R0,2025-07-01,1,"A,B,USD` and quarantines that one line with its text', async () => {
    const text = [HEADER, 'R0,2025-07-01,1,"A,B,USD', ...goodRows(300_000)].join('\n') + '\n';
    const { outcome, records } = await importBytes('transaction', 'stray.csv', encodeUtf8(text), { chunkSize: 1 << 16, adjust: pinned });
    expect(outcome.counts).toMatchObject({ imported: 300_000, quarantined: 1, duplicates: 0 });
    expect(outcome.counts.lines).toEqual({ total: 300_002, header: 1, blank: 0, imported: 300_000, quarantined: 1, duplicates: 0 });
    expect(outcome.quarantine).toHaveLength(1);
    expect(outcome.quarantine[0]).toMatchObject({ line: 2, code: 'unclosed-quote', value: 'R0,2025-07-01,1,"A,B,USD' });
    expect(records[0]?.source.line).toBe(3);
    expect(records.at(-1)?.source.line).toBe(300_002);
  });

  it('re-synchronises when the stray quote pairs with a later quote and leaves the row the wrong width', async () => {
    const rows = goodRows(6);
    rows[1] = 'R2,2025-07-01,2,Pago a "El Dorado,USD,A,B'; // mid-field quote: plain text, row is fine
    rows[2] = 'R3,2025-07-01,3,"Pago a El Dorado,USD,A,B'; // opens a quote that never closes on its line
    rows[4] = 'R5,2025-07-01,5,"cierra, aquí",USD,A,B'; // a later quoted field the stray quote could pair with
    const text = [HEADER, ...rows].join('\r\n') + '\r\n';
    const { outcome, records } = await importBytes('transaction', 'pair.csv', encodeUtf8(text), { adjust: pinned });
    expect(records.map((record) => record.id)).toEqual(['R1', 'R2', 'R4', 'R5', 'R6']);
    expect(records.find((record) => record.id === 'R2')?.description).toBe('Pago a "El Dorado');
    expect(records.find((record) => record.id === 'R5')?.description).toBe('cierra, aquí');
    expect(outcome.quarantine.map((entry) => [entry.line, entry.code])).toEqual([[4, 'unclosed-quote']]);
  });

  it('keeps a legitimate multi-line quoted field as one record and counts all its lines to it', async () => {
    const text = `${HEADER}\nR1,2025-07-01,1,"línea uno\nlínea dos\nlínea tres",USD,A,B\nR2,2025-07-01,2,x,USD,A,B\n`;
    const { outcome, records } = await importBytes('transaction', 'multi.csv', encodeUtf8(text), { adjust: pinned });
    expect(records.map((record) => [record.id, record.source.line])).toEqual([
      ['R1', 2],
      ['R2', 5],
    ]);
    expect(records[0]?.description).toBe('línea uno\nlínea dos\nlínea tres');
    expect(outcome.counts.lines).toEqual({ total: 5, header: 1, blank: 0, imported: 4, quarantined: 0, duplicates: 0 });
  });

  it('stops a quote at the line limit even when the swallowed rows would have the right width together', async () => {
    // A quoted field over more than MAX_QUOTED_LINES lines is a stray quote, whatever follows.
    const body = Array.from({ length: MAX_QUOTED_LINES + 5 }, (_, i) => `línea ${i}`).join('\n');
    const text = `${HEADER}\nR1,2025-07-01,1,"${body}",USD,A,B\nR2,2025-07-01,2,x,USD,A,B\n`;
    const { outcome, records } = await importBytes('transaction', 'long-quote.csv', encodeUtf8(text), { adjust: pinned });
    expect(records.map((record) => record.id)).toEqual(['R2']);
    // The opening line and every swallowed line are quarantined, each with its own line number.
    expect(outcome.quarantine[0]).toMatchObject({ line: 2, code: 'unclosed-quote' });
    expect(outcome.counts.lines.quarantined).toBe(MAX_QUOTED_LINES + 5);
    expect(new Set(outcome.quarantine.map((entry) => entry.line)).size).toBe(outcome.quarantine.length);
  });

  it('quarantines an unclosed quote on the last line without losing the lines before it', async () => {
    const text = `${HEADER}\n${goodRows(3).join('\n')}\nR9,2025-07-01,9,"sin cerrar`;
    const { outcome, records } = await importBytes('transaction', 'tail.csv', encodeUtf8(text), { adjust: pinned });
    expect(records).toHaveLength(3);
    expect(outcome.quarantine.map((entry) => [entry.line, entry.code])).toEqual([[5, 'unclosed-quote']]);
  });
});

describe('bounded lines and fields', () => {
  it('quarantines a line longer than the cap with its start, flagged as cut, and imports the rest', async () => {
    const huge = `R2,2025-07-01,2,${'x'.repeat(MAX_LINE_CHARS + 10)},USD,A,B`;
    const text = [HEADER, 'R1,2025-07-01,1,a,USD,A,B', huge, 'R3,2025-07-01,3,c,USD,A,B'].join('\n') + '\n';
    const { outcome, records } = await importBytes('transaction', 'long-line.csv', encodeUtf8(text), { chunkSize: 1 << 16, adjust: pinned });
    expect(records.map((record) => record.id)).toEqual(['R1', 'R3']);
    expect(outcome.quarantine).toHaveLength(1);
    const entry = outcome.quarantine[0];
    expect(entry).toMatchObject({ line: 3, code: 'line-too-long', truncated: true });
    expect(entry?.value.length).toBe(BROKEN_TEXT_CHARS);
    expect(entry?.value.startsWith('R2,2025-07-01,2,xxx')).toBe(true);
  });

  it('refuses a file that is one enormous line with a named error', async () => {
    const bytes = encodeUtf8('a,'.repeat(MAX_LINE_CHARS));
    const error = await importBytes('transaction', 'one-line.csv', bytes, {
      chunkSize: 1 << 16,
      adjust: () => ({
        schema: 'caudal.mapping/1',
        name: 'x',
        kind: 'transaction',
        encoding: 'auto',
        delimiter: ',',
        skipLines: 0,
        decimalSeparator: '.',
        dateOrder: 'DMY',
        fields: { id: { column: 'a' }, timestamp: { column: 'a' }, amount: { column: 'a' }, currency: { column: 'a' }, fromAccount: { column: 'a' }, toAccount: { column: 'a' } },
      }),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('line-too-long');
    expect((error as ImportError).line).toBe(1);
  });
});

describe('RecordChunker', () => {
  function chunk(text: string, sizes: number, options: { expected?: number } = {}): ChunkItem[] {
    const chunker = new RecordChunker({ delimiter: ',', lineBreak: '\n', maxQuotedLines: 3, maxQuotedChars: 1000 });
    if (options.expected !== undefined) chunker.expectedWidth = options.expected;
    const items: ChunkItem[] = [];
    for (let i = 0; i < text.length; i += sizes) items.push(...chunker.push(text.slice(i, i + sizes)));
    items.push(...chunker.finish());
    return items;
  }

  it('gives the same records whatever the chunk size, doubled quotes and CRLF included', () => {
    const text = 'a,b,c\r\n"x ""y""",2,"3\r\n4"\r\n,,\r\nlast,"",z';
    const reference = chunk(text, text.length);
    expect(reference.map((item) => [item.line, item.span, item.fields])).toEqual([
      [1, 1, ['a', 'b', 'c']],
      [2, 2, ['x "y"', '2', '3\r\n4']],
      [4, 1, ['', '', '']],
      [5, 1, ['last', '', 'z']],
    ]);
    for (const size of [1, 2, 3, 5, 8]) expect(chunk(text, size)).toEqual(reference);
  });

  it('re-parses the swallowed lines when a quote runs past the line limit', () => {
    const text = 'a,b\n"open,1\nx,2\ny,3\nz,4\nw,5\n';
    const items = chunk(text, 4);
    expect(items.map((item) => [item.line, item.fields ?? item.broken?.code])).toEqual([
      [1, ['a', 'b']],
      [2, 'unclosed-quote'],
      [3, ['x', '2']],
      [4, ['y', '3']],
      [5, ['z', '4']],
      [6, ['w', '5']],
    ]);
  });

  it('counts the lines of every input exactly once, whatever quotes it holds', () => {
    const alphabet = ['"', '""', ',', '\n', '\r\n', 'a', ' ', '"a"', 'b,"'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      let text = '';
      const length = random(60);
      for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
      const items = chunk(text, 1 + random(7), { expected: 2 });
      const expected = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const covered = items.reduce((sum, item) => sum + item.span, 0);
      expect(covered, JSON.stringify(text)).toBe(expected);
      let next = 1;
      for (const item of items) {
        expect(item.line, JSON.stringify(text)).toBe(next);
        next += item.span;
      }
    }
  });
});

describe('file-level errors reach the analyst in her language', () => {
  it('says every ImportError code in Spanish and English with its file and line', async () => {
    const { describeImportError, IMPORT_ERROR_CODES, IMPORT_ERROR_MESSAGES } = await import('../../../shared/import');
    for (const code of IMPORT_ERROR_CODES) {
      expect(IMPORT_ERROR_MESSAGES.es[code]).toBeTruthy();
      expect(IMPORT_ERROR_MESSAGES.en[code]).toBeTruthy();
    }
    const error = new ImportError('line-too-long', 'English text', { file: 'x.csv', line: 1 }, { maximum: MAX_LINE_CHARS });
    const spanish = describeImportError(error, 'es');
    expect(spanish).toBe(`x.csv, línea 1: la línea supera los ${MAX_LINE_CHARS} caracteres antes de cualquier encabezado; esto no es una exportación CSV`);
    expect(describeImportError({ code: 'missing-column', message: 'm', file: 'f.csv', line: 3, column: 'Monto', field: 'amount' }, 'es', () => 'Monto (importe)')).toBe(
      "f.csv, línea 3: la columna 'Monto' asignada a Monto (importe) no está en el encabezado",
    );
    expect(describeImportError({ code: 'not-a-code', message: 'as is' }, 'es')).toBe('as is');
  });
});

describe('one owner per rule', () => {
  it('reads a date pattern’s day/month order once, the same in the engine and the mapping editor, time first or last', async () => {
    const { orderFromPattern } = await import('../../../shared/import');
    const { dateOrderOfPattern } = await import('../../../renderer/features/import/mappingEdit');
    const cases: [string, string][] = [
      ['HH:mm DD/MM/YYYY', 'DMY'],
      ['DD/MM/YYYY HH:mm', 'DMY'],
      ['HH:mm:ss MM/DD/YYYY', 'MDY'],
      ['MM/DD/YYYY HH:mm', 'MDY'],
      ['YYYY-MM-DD HH:mm', 'YMD'],
      ['dd/mm/yyyy', 'DMY'],
    ];
    for (const [pattern, order] of cases) {
      expect(orderFromPattern(pattern), pattern).toBe(order);
      expect(dateOrderOfPattern(pattern), pattern).toBe(order);
    }
  });

  it('asks the same missing-columns question in the suggestion, the editor and the engine (a blank column is not a mapping)', async () => {
    const { unmappedRequiredFields } = await import('../../../shared/import');
    const { unmappedRequired } = await import('../../../renderer/features/import/mappingEdit');
    const fields = { id: { column: 'id' }, timestamp: { column: ' ' }, amount: { constant: '' } };
    const spec = { schema: 'caudal.mapping/1', name: 'x', kind: 'transaction', encoding: 'auto', delimiter: 'auto', skipLines: 'auto', decimalSeparator: 'auto', dateOrder: 'DMY', fields } as unknown as MappingSpec;
    expect(unmappedRequiredFields('transaction', fields)).toEqual(unmappedRequired(spec));
    expect(unmappedRequiredFields('transaction', fields)).toContain('timestamp');
  });
});
