import { describe, expect, it } from 'vitest';
import { effectiveCodes } from '../../../shared/interop/goaml';
import { defaultsOf, parseTables, tableText } from '../../../renderer/features/interop/codeTables';

const empty = { transmode: '', funds: '', role: '', identification: '' };

describe('the goAML code table editor', () => {
  it('reads CODE = value lines, skipping blanks and comments, and they override the defaults', () => {
    const parsed = parseTables({ ...empty, transmode: '# ventanilla\n01 = cash\n\n02 = wire', role: 'R1=from' });
    expect(parsed).toEqual({ ok: true, codes: { transmode: { '01': 'cash', '02': 'wire' }, funds: {}, role: { R1: 'from' }, identification: {} } });
    if (!parsed.ok) return;
    const codes = effectiveCodes(parsed.codes);
    expect(codes.transmode['01']).toBe('cash');
    expect(codes.transmode.K).toBe('cash');
    expect(tableText(parsed.codes.transmode)).toBe('01 = cash\n02 = wire');
  });

  it('names the list and line of a bad entry', () => {
    expect(parseTables({ ...empty, funds: 'K = cash\nnothing here' })).toEqual({ ok: false, list: 'funds', line: 2, message: "expected CODE = value, got 'nothing here'" });
    const badValue = parseTables({ ...empty, identification: 'A = CC\nZ = LICENCIA' });
    expect(badValue).toMatchObject({ ok: false, list: 'identification', line: 2 });
    expect(!badValue.ok && badValue.message).toContain("'Z'");
  });

  it('shows the defaults of each list', () => {
    expect(defaultsOf('role')).toContain('BENEFICIARIO = to');
  });
});
