import { describe, expect, it } from 'vitest';
import { detectStatement, csvStatementTable } from '../../../../../shared/import/statement';
import { addPattern, canImport, INITIAL_STATEMENT_PANEL, removePattern, setOwnerAccount, setPattern, statementPanelReducer } from '../../../../../renderer/features/import/statement/panelState';
import type { StatementInspection } from '../../../../../renderer/features/import/statement/statementProtocol';

const table = csvStatementTable(new TextEncoder().encode('Fecha;Descripción;Débito;Crédito;Saldo\n21/01/2026;X;1,00;;9,00'), 'sin-titulo.csv', '0'.repeat(64));
const detection = detectStatement(table);
const inspection: StatementInspection = { name: 'sin-titulo.csv', detection, sampleRows: [], patterns: [] };

describe('statement panel state', () => {
  it('a file without an account in its title waits for the analyst to type one', () => {
    let state = statementPanelReducer(INITIAL_STATEMENT_PANEL, { type: 'files-chosen', names: ['sin-titulo.csv'], firstKey: 1 });
    expect(canImport(state)).toBe(false);
    state = statementPanelReducer(state, { type: 'inspected', key: 1, inspection });
    expect(state.files[0]?.mappingError).toBe('owner');
    expect(canImport(state)).toBe(false);
    const typed = setOwnerAccount(state.files[0]!.mapping!, '0012345', undefined);
    state = statementPanelReducer(state, { type: 'mapping-edited', key: 1, mapping: typed });
    expect(state.files[0]?.mappingError).toBeUndefined();
    expect(canImport(state)).toBe(true);
    state = statementPanelReducer(state, { type: 'import-started' });
    expect(canImport(state)).toBe(false);
    state = statementPanelReducer(state, { type: 'finished', results: [{ name: 'sin-titulo.csv', status: 'imported' }] });
    expect(state.phase).toBe('done');
  });

  it('a file that cannot be read holds back the batch until the analyst takes it out; the others keep their keys', () => {
    let state = statementPanelReducer(INITIAL_STATEMENT_PANEL, { type: 'files-chosen', names: ['bueno.csv', 'con-clave.xlsx'], firstKey: 5 });
    state = statementPanelReducer(state, { type: 'inspected', key: 5, inspection });
    state = statementPanelReducer(state, { type: 'mapping-edited', key: 5, mapping: setOwnerAccount(state.files[0]!.mapping!, '0012345', undefined) });
    state = statementPanelReducer(state, { type: 'inspected', key: 6, inspection: { name: 'con-clave.xlsx', sampleRows: [], patterns: [], error: { code: 'encrypted', message: 'con-clave.xlsx: password-protected' } } });
    expect(canImport(state)).toBe(false);
    state = statementPanelReducer(state, { type: 'file-removed', key: 6 });
    expect(state.files.map((entry) => [entry.key, entry.name])).toEqual([[5, 'bueno.csv']]);
    expect(canImport(state)).toBe(true);
    // Not while the import runs: the batch it started with is the one it reports.
    state = statementPanelReducer(state, { type: 'import-started' });
    expect(statementPanelReducer(state, { type: 'file-removed', key: 5 }).files).toHaveLength(1);
  });

  it('a broken pattern makes the mapping unusable until fixed, naming the pattern', () => {
    let state = statementPanelReducer(statementPanelReducer(INITIAL_STATEMENT_PANEL, { type: 'files-chosen', names: ['a'], firstKey: 1 }), { type: 'inspected', key: 1, inspection });
    const base = setOwnerAccount(state.files[0]!.mapping!, '1', undefined);
    const withPattern = addPattern(base);
    const broken = setPattern(withPattern, 0, { label: 'x', pattern: '(?<account>' });
    state = statementPanelReducer(state, { type: 'mapping-edited', key: 1, mapping: broken });
    expect(state.files[0]?.mappingError).toMatch(/patterns\.0\.pattern/);
    state = statementPanelReducer(state, { type: 'mapping-edited', key: 1, mapping: removePattern(broken, 0) });
    expect(state.files[0]?.mappingError).toBeUndefined();
  });

  it('typing the account the title block gave keeps the mapping reading it from the title', () => {
    const mapping = detection.mapping;
    expect(setOwnerAccount(mapping, '777', '777').owner).toEqual({ from: 'title' });
    expect(setOwnerAccount(mapping, '778', '777').owner).toEqual({ from: 'typed', account: '778' });
  });
});
