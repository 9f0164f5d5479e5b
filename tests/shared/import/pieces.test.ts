import { describe, expect, it } from 'vitest';
import { encodeUtf8, expectEveryLineAccounted, importBytes } from './helpers';

/*
 * Issue 10, round 10: Chromium streams a picked file in chunks of up to 2 MB, and the engine now gives
 * the chunker such a chunk's text 64K characters at a time (shared/import/engine.ts ImportRun.push), so
 * the cells of 17,000 rows are not all alive at once. The piece boundaries are new cut points inside
 * one decoded text: whatever straddles one (a quoted field over several lines, a CRLF, a stray quote,
 * mojibake) must come out exactly as when the file arrives in small chunks.
 */

const PIECE = 64 * 1024;
const HEADER = 'id,fecha,monto,moneda,cuenta origen,cuenta destino,ordenante,descripcion';

/** Builds a CRLF file, placing each feature so that a piece boundary falls `inside` characters into it. */
function fileWithFeaturesOnBoundaries(features: { text: string; inside: number }[]): string {
  let text = `${HEADER}\r\n`;
  let id = 0;
  const row = (description: string) => `T${String(id++).padStart(6, '0')},31/01/2025,1,COP,A${id % 7},B${id % 5},Ana,${description}\r\n`;
  features.forEach((feature, index) => {
    const boundary = PIECE * (index + 1);
    // Rows up to just before the boundary, then one row padded so the feature starts `inside` characters before it.
    for (;;) {
      const next = row('pago');
      if (text.length + next.length + 80 > boundary - feature.inside) break;
      text += next;
    }
    const bare = row('');
    const pad = boundary - feature.inside - text.length - bare.length;
    text += row('x'.repeat(pad));
    expect(text.length + feature.inside).toBe(boundary);
    text += feature.text;
  });
  for (let index = 0; index < 50; index++) text += row('final');
  return text;
}

describe('the chunker is fed a large stream chunk in pieces', () => {
  it('a quoted field over two lines, a CRLF, a stray quote and mojibake across piece boundaries come out as with 7-byte chunks', async () => {
    const text = fileWithFeaturesOnBoundaries([
      // The boundary falls inside the quoted field, between its two physical lines.
      { text: 'Q1,31/01/2025,2,COP,A1,B1,Ana,"primera línea\r\nsegunda línea"\r\n', inside: 40 },
      // Between the CR and the LF of a row.
      { text: 'Q2,31/01/2025,3,COP,A2,B2,Ana,corte\r\n', inside: 36 },
      // A stray quote: the row must be quarantined with its own line, and the next rows read as rows.
      { text: 'Q3,31/01/2025,4,COP,A3,B3,"Ana,sin cierre\r\nQ4,31/01/2025,5,COP,A4,B4,Ana,ok\r\n', inside: 28 },
      // "JosÃ©" cut between its two characters (UTF-8 read as Windows-1252 and saved again).
      { text: 'Q5,31/01/2025,6,COP,A5,B5,JosÃ©,mojibake\r\n', inside: 30 },
    ]);
    const bytes = encodeUtf8(text);
    const whole = await importBytes('transaction', 'grande.csv', bytes, { chunkSize: bytes.length });
    const small = await importBytes('transaction', 'grande.csv', bytes, { chunkSize: 7 });
    expect(whole.records).toEqual(small.records);
    expect(whole.outcome.quarantine).toEqual(small.outcome.quarantine);
    expect(whole.outcome.counts).toEqual(small.outcome.counts);
    expectEveryLineAccounted(whole.outcome, bytes);

    const byId = new Map(whole.records.map((record) => [record.id, record]));
    expect(byId.get('Q1')?.description).toBe('primera línea\r\nsegunda línea');
    expect(byId.get('Q2')?.description).toBe('corte');
    expect(byId.get('Q4')?.description).toBe('ok');
    expect(whole.outcome.quarantine.map((entry) => entry.code)).toContain('unclosed-quote');
    // The mojibake straddling a boundary is still reported, with its line.
    const mojibakeLine = text.slice(0, text.indexOf('Q5,')).split('\r\n').length;
    expect(whole.outcome.encodingIssues?.lines.map((entry) => entry.line)).toContain(mojibakeLine);
  });
});
