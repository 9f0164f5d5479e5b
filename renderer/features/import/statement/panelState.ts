import { parseStatementMapping, StatementMappingError, type CounterpartyPattern, type StatementMapping } from '../../../../shared/import/statement/spec';
import type { StatementFileResult, StatementInspection } from './statementProtocol';

/**
 * The statement import panel's state and its pure transitions (tested in
 * Node): files chosen → each inspected in the worker → the analyst adjusts
 * the mapping (owner, sheet, date order, patterns) → import → results.
 */
export interface StatementFileEntry {
  key: number;
  name: string;
  inspection?: StatementInspection;
  /** The mapping as the analyst has it now (detected, saved or edited). */
  mapping?: StatementMapping;
  /** Why the current mapping cannot be used, when it cannot. */
  mappingError?: string;
}

export interface StatementPanelState {
  files: StatementFileEntry[];
  phase: 'choose' | 'importing' | 'done';
  progress: { done: number; total: number; current: string } | null;
  results: StatementFileResult[];
}

export type StatementPanelAction =
  | { type: 'files-chosen'; names: string[]; firstKey: number }
  | { type: 'inspected'; key: number; inspection: StatementInspection; keepMapping?: boolean }
  | { type: 'mapping-edited'; key: number; mapping: StatementMapping }
  /** A file the analyst takes out of the batch (one that cannot be read must not hold back the others). */
  | { type: 'file-removed'; key: number }
  | { type: 'import-started' }
  | { type: 'progress'; done: number; total: number; current: string }
  | { type: 'file-done'; result: StatementFileResult }
  | { type: 'finished'; results: StatementFileResult[] }
  | { type: 'reset' };

export const INITIAL_STATEMENT_PANEL: StatementPanelState = { files: [], phase: 'choose', progress: null, results: [] };

/** The mapping validated as the importer will see it; the message names the field when it is not usable. */
export function checkMapping(mapping: StatementMapping): string | undefined {
  if (mapping.owner.from === 'typed' && mapping.owner.account.trim() === '') return 'owner';
  try {
    parseStatementMapping(mapping);
  } catch (error) {
    if (error instanceof StatementMappingError) return error.message;
    throw error;
  }
  return undefined;
}

function withMapping(entry: StatementFileEntry, mapping: StatementMapping): StatementFileEntry {
  const error = checkMapping(mapping);
  const next: StatementFileEntry = { ...entry, mapping };
  if (error) next.mappingError = error;
  else delete next.mappingError;
  return next;
}

export function statementPanelReducer(state: StatementPanelState, action: StatementPanelAction): StatementPanelState {
  switch (action.type) {
    case 'files-chosen':
      return { ...INITIAL_STATEMENT_PANEL, files: action.names.map((name, index) => ({ key: action.firstKey + index, name })) };
    case 'inspected':
      return {
        ...state,
        files: state.files.map((entry) => {
          if (entry.key !== action.key) return entry;
          const inspected: StatementFileEntry = { ...entry, inspection: action.inspection };
          const mapping = action.keepMapping && entry.mapping ? { ...entry.mapping, ...(action.inspection.sheet ? { sheet: action.inspection.sheet } : {}) } : action.inspection.detection?.mapping;
          return mapping ? withMapping(inspected, mapping) : inspected;
        }),
      };
    case 'mapping-edited':
      return { ...state, files: state.files.map((entry) => (entry.key === action.key ? withMapping(entry, action.mapping) : entry)) };
    case 'file-removed':
      return state.phase === 'choose' ? { ...state, files: state.files.filter((entry) => entry.key !== action.key) } : state;
    case 'import-started':
      return { ...state, phase: 'importing', progress: { done: 0, total: state.files.length, current: '' }, results: [] };
    case 'progress':
      return { ...state, progress: { done: action.done, total: action.total, current: action.current } };
    case 'file-done':
      return { ...state, results: [...state.results, action.result] };
    case 'finished':
      return { ...state, phase: 'done', progress: null, results: action.results };
    case 'reset':
      return INITIAL_STATEMENT_PANEL;
  }
}

/** Files ready to import: inspected, no file-level error, a usable mapping. */
export function readyFiles(state: StatementPanelState): StatementFileEntry[] {
  return state.files.filter((entry) => entry.inspection && !entry.inspection.error && entry.mapping && !entry.mappingError);
}

export function canImport(state: StatementPanelState): boolean {
  return state.phase === 'choose' && state.files.length > 0 && readyFiles(state).length === state.files.length;
}

/** Edits of the counterparty patterns, kept pure for the editor. */
export function setPattern(mapping: StatementMapping, index: number, pattern: CounterpartyPattern): StatementMapping {
  const patterns = mapping.patterns.slice();
  patterns[index] = pattern;
  return { ...mapping, patterns };
}

export function addPattern(mapping: StatementMapping): StatementMapping {
  return { ...mapping, patterns: [...mapping.patterns, { label: `Patrón ${mapping.patterns.length + 1}`, pattern: String.raw`CTA (?<account>\d{5,}) (?<name>.+)` }] };
}

export function removePattern(mapping: StatementMapping, index: number): StatementMapping {
  return { ...mapping, patterns: mapping.patterns.filter((_, position) => position !== index) };
}

export function setOwnerAccount(mapping: StatementMapping, account: string, detected: string | undefined): StatementMapping {
  // Typing the account the title block already gave keeps "from title", so the mapping still fits next month's statement.
  if (detected !== undefined && account.trim() === detected) return { ...mapping, owner: { from: 'title' } };
  return { ...mapping, owner: { from: 'typed', account } };
}
