import { describe, expect, it } from 'vitest';
import { sniffCsv } from '../../../shared/import';
import type { Transaction } from '../../../shared/model';
import { encodeUtf8, fixtureBytes, importBytes, importFixture } from './helpers';

const names = (records: Transaction[]) => records.flatMap((record) => [record.fromPartyName, record.toPartyName]);

describe('encodings', () => {
  it('reads UTF-8 with a BOM and drops the BOM from the first header', async () => {
    const sniff = sniffCsv(fixtureBytes('co-bank-utf8-bom.csv'));
    expect(sniff.encoding).toBe('utf-8');
    expect(sniff.bomLength).toBe(3);
    expect(sniff.headers[0]).toBe('Nro. Operación');
    const { records, outcome } = await importFixture('transaction', 'co-bank-utf8-bom.csv');
    expect(outcome.file.encoding).toBe('utf-8');
    expect(records.map((record) => record.id)).toEqual(['OP-0001', 'OP-0002', 'OP-0003', 'OP-0004']);
    expect(names(records)).toContain('Núñez & Cía. S.A.S.');
  });

  it('reads UTF-8 without a BOM', async () => {
    const sniff = sniffCsv(fixtureBytes('us-export-mdy.csv'));
    expect(sniff).toMatchObject({ encoding: 'utf-8', bomLength: 0 });
    const { records } = await importFixture('transaction', 'us-export-mdy.csv');
    expect(records).toHaveLength(3);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, keeping accents and ñ intact', async () => {
    const bytes = fixtureBytes('windows-1252.csv');
    expect(bytes.includes(0xf1)).toBe(true); // ñ as a single 1252 byte
    const sniff = sniffCsv(bytes);
    expect(sniff.encoding).toBe('windows-1252');
    expect(sniff.headers).toContain('Fecha operación');
    const { records, outcome } = await importFixture('transaction', 'windows-1252.csv');
    expect(outcome.file.encoding).toBe('windows-1252');
    expect(names(records)).toEqual(expect.arrayContaining(['José Muñoz', 'Peña', 'Núñez & Cía. S.A.S.']));
    expect(records.every((record) => !JSON.stringify(record).includes('\uFFFD'))).toBe(true);
  });

  it('switches to Windows-1252 when the first non-ASCII byte comes long after the head, across chunk boundaries', async () => {
    const header = 'id,fecha,monto,moneda,cuenta origen,cuenta destino,ordenante\n';
    const ascii = Array.from({ length: 3000 }, (_, i) => `T${i},31/01/2025,10.00,COP,A,B,Plain Name\n`).join('');
    const tail = 'T-last,31/01/2025,10.00,COP,A,B,José Muñoz\n';
    const text = header + ascii + tail;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i); // Latin-1 code points = their 1252 bytes here
    expect(bytes.length).toBeGreaterThan(64 * 1024 + 1000);
    const { records, outcome } = await importBytes('transaction', 'late-1252.csv', bytes, { chunkSize: 4093 });
    expect(outcome.file.encoding).toBe('windows-1252');
    expect(records.at(-1)?.fromPartyName).toBe('José Muñoz');
    expect(outcome.counts.imported).toBe(3001);
  });

  it('reads Excel "Unicode text": UTF-16 LE with BOM, tab-delimited', async () => {
    const sniff = sniffCsv(fixtureBytes('utf16le-excel-unicode.txt'));
    expect(sniff).toMatchObject({ encoding: 'utf-16le', bomLength: 2, delimiter: '\t' });
    const { records, outcome } = await importFixture('transaction', 'utf16le-excel-unicode.txt');
    expect(outcome.file.encoding).toBe('utf-16le');
    expect(records.map((record) => record.toPartyName)).toEqual(['Peña Núñez', 'Álvaro Ñandú']);
    expect(records[1]?.source.line).toBe(3);
  });

  it('reads UTF-16 BE with BOM', async () => {
    const sniff = sniffCsv(fixtureBytes('utf16be.txt'));
    expect(sniff).toMatchObject({ encoding: 'utf-16be', bomLength: 2, delimiter: '\t' });
    const { records } = await importFixture('transaction', 'utf16be.txt', { chunkSize: 3 });
    expect(records.map((record) => record.fromPartyName)).toEqual(['José Muñoz', 'Peña Núñez']);
  });

  it('detects UTF-16 LE without a BOM from its zero bytes', () => {
    const text = 'id\tfecha\tmonto\nA\t2025-01-01\t5\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
    expect(sniffCsv(bytes)).toMatchObject({ encoding: 'utf-16le', bomLength: 0, headers: ['id', 'fecha', 'monto'] });
  });

  it('obeys an encoding chosen by the analyst over detection', async () => {
    // UTF-8 bytes read as 1252 turn into mojibake: the override really applies.
    const sniff = sniffCsv(fixtureBytes('br-portuguese.csv'), { encoding: 'windows-1252' });
    expect(sniff.encoding).toBe('windows-1252');
    expect(sniff.encodingChoice).toBe('windows-1252');
    expect(sniff.headers[0]).toBe('ID TransaÃ§Ã£o');
    const { records, outcome, spec } = await importFixture('transaction', 'windows-1252.csv', {
      adjust: (suggested) => ({ ...suggested, encoding: 'iso-8859-1' }),
    });
    expect(spec.encoding).toBe('iso-8859-1');
    expect(outcome.file.encoding).toBe('iso-8859-1');
    expect(records[0]?.fromPartyName).toBe('José Muñoz');
  });

  it('imports a file that turns from UTF-8 into invalid bytes, and names the lines that did not decode', async () => {
    const filler = Array.from({ length: 2500 }, (_, i) => `F${i},31/01/2025,1,COP,A,B,Plain\n`).join('');
    const good = encodeUtf8(`id,fecha,monto,moneda,cuenta origen,cuenta destino,ordenante\nT1,31/01/2025,1,COP,A,B,José\n${filler}`);
    expect(good.length).toBeGreaterThan(64 * 1024);
    const bad = new Uint8Array([...good, ...encodeUtf8('T2,31/01/2025,1,COP,A,B,Jos'), 0xe9, 0x0a]);
    const { outcome, records } = await importBytes('transaction', 'mixed.csv', bad);
    expect(records).toHaveLength(2502);
    expect(outcome.file.encoding).toBe('utf-8');
    expect(outcome.encodingIssues).toEqual({ count: 1, lines: [{ line: 2503, text: 'T2,31/01/2025,1,COP,A,B,Jos\uFFFD' }], encoding: 'utf-8' });
  });

  it('warns about UTF-8 names inside a Windows-1252 file (mojibake), in the sniffer and the import', async () => {
    const latin = Uint8Array.from('id,fecha,monto,moneda,cuenta origen,cuenta destino,ordenante\nT1,31/01/2025,1,COP,A,B,Mu\u00f1oz\n', (ch) => ch.charCodeAt(0));
    const utf8 = encodeUtf8('T2,31/01/2025,1,COP,A,B,José\n');
    const bytes = new Uint8Array([...latin, ...utf8]);
    expect(sniffCsv(bytes).encodingIssueLines).toEqual([3]);
    const { outcome, records } = await importBytes('transaction', 'mezcla.csv', bytes);
    expect(records.map((record) => record.fromPartyName)).toEqual(['Muñoz', 'JosÃ©']);
    expect(outcome.encodingIssues?.lines.map((entry) => entry.line)).toEqual([3]);
    expect(outcome.encodingIssues?.encoding).toBe('windows-1252');
  });

  it('says nothing about a clean file', async () => {
    const { outcome } = await importBytes('transaction', 'limpio.csv', encodeUtf8('id,fecha,monto,moneda,cuenta origen,cuenta destino,ordenante\nT1,31/01/2025,1,COP,A,B,José Muñoz Ñandú\n'));
    expect(outcome.encodingIssues).toBeUndefined();
  });
});
