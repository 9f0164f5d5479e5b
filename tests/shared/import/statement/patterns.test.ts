import { describe, expect, it } from 'vitest';
import { compilePatterns, detectStatement, parseStatementMapping, previewPatterns, readStatement, SUGGESTED_PATTERNS, StatementMappingError } from '../../../../shared/import/statement';
import { csv } from './helpers';

describe('counterparty patterns', () => {
  it('the suggested patterns capture account and name from Spanish, Portuguese and English descriptions', () => {
    const patterns = compilePatterns(SUGGESTED_PATTERNS);
    expect(patterns.extract('TRANSF A CTA 009876543 JUAN PEREZ GOMEZ')).toEqual({ account: '009876543', name: 'JUAN PEREZ GOMEZ', pattern: 'Transferencia a/de cuenta' });
    expect(patterns.extract('TRANSFERENCIA DE CUENTA NO. 0012-3456 IMPORTADORA DEL SUR SA')).toMatchObject({ account: '0012-3456', name: 'IMPORTADORA DEL SUR SA' });
    expect(patterns.extract('PIX RECEBIDO DE CONTA 12345-6 MARIA SILVA')).toMatchObject({ account: '12345-6', name: 'MARIA SILVA' });
    expect(patterns.extract('TRANSFER TO ACC 77665544 JOHN DOE')).toMatchObject({ account: '77665544', name: 'JOHN DOE' });
    expect(patterns.extract('COMISION MANEJO')).toBeUndefined();
  });

  it('an analyst pattern with named groups, tried in order; the first that captures wins', () => {
    const patterns = compilePatterns([
      { label: 'Bank code', pattern: String.raw`BENEF:(?<name>[A-Z ]+)/CTA:(?<account>\d+)` },
      { label: 'Any account', pattern: String.raw`(?<account>\d{8,})` },
    ]);
    expect(patterns.extract('SPEI BENEF:ANA LOPEZ/CTA:01234567890')).toEqual({ account: '01234567890', name: 'ANA LOPEZ', pattern: 'Bank code' });
    expect(patterns.extract('PAGO 99887766')).toEqual({ account: '99887766', pattern: 'Any account' });
  });

  it('previews what each pattern captures, and reports a broken one instead of capturing', () => {
    const preview = previewPatterns(
      [
        { label: 'ok', pattern: String.raw`CTA (?<account>\d+)` },
        { label: 'broken', pattern: '(?<account>' },
      ],
      [
        { line: 5, description: 'TRANSF CTA 123456' },
        { line: 6, description: 'RETIRO ATM' },
        { line: 7, description: 'PAGO CTA 999' },
      ],
    );
    expect(preview[0]).toEqual({ label: 'ok', matched: 2, examples: [{ line: 5, description: 'TRANSF CTA 123456', account: '123456' }, { line: 7, description: 'PAGO CTA 999', account: '999' }] });
    expect(preview[1]?.error).toBeTruthy();
    expect(preview[1]?.matched).toBe(0);
  });

  it('a mapping with an invalid pattern is refused, naming the pattern', () => {
    const detection = detectStatement(csv('Cuenta: 123456\nFecha,Descripcion,Debito,Credito\n21/01/2026,X,1.00,'));
    expect(() => parseStatementMapping({ ...detection.mapping, patterns: [{ label: 'x', pattern: '([' }] })).toThrow(StatementMappingError);
    expect(() => parseStatementMapping({ ...detection.mapping, patterns: [{ label: 'x', pattern: '([' }] })).toThrow(/patterns\.0\.pattern/);
  });

  it('a pattern saved with the mapping fills the counterparty of each movement; a column wins over it', () => {
    const text = ['Cuenta No.: 5550001', 'Fecha;Descripción;Beneficiario;Débito;Crédito', '21/01/2026;TRF A CTA 888777666 PEDRO;;100,00;', '22/01/2026;TRF A CTA 888777666 PEDRO;Pedro Páramo;100,00;'].join('\n');
    const detection = detectStatement(csv(text));
    const mapping = parseStatementMapping({ ...detection.mapping, currency: 'COP', patterns: [{ label: 'trf', pattern: String.raw`TRF A CTA (?<account>\d+) (?<name>.+)` }] });
    const outcome = readStatement(csv(text), mapping);
    expect(outcome.transactions.map((t) => [t.toAccount, t.toPartyName, t.statement.counterpartyKnown])).toEqual([
      ['888777666', 'PEDRO', true],
      ['888777666', 'Pedro Páramo', true],
    ]);
    expect(outcome.summary.counts.counterpartiesFromPatterns).toBe(2);
  });
});
