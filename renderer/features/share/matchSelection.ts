import type { CaseDataset } from '../../../shared/model';
import { MATCH_INPUT_TYPES, matchInputs, type MatchInputType, type MatchSubjectSelection, type PsiMatch } from '../../../shared/package';

/**
 * The explicit choice of subjects for a match request (never "the whole
 * case" by default): the analyst ticks parties and accounts, sees how many
 * identifiers will be blinded, and only then saves the request.
 */

export interface MatchSubject {
  key: string;
  kind: 'party' | 'account';
  id: string;
  label: string;
  identifiers: number;
}

/** Parties and accounts that carry at least one matchable identifier. */
export function matchSubjects(dataset: Pick<CaseDataset, 'parties' | 'accounts'>): MatchSubject[] {
  const parties = dataset.parties.map((party) => ({ key: `party:${party.id}`, kind: 'party' as const, id: party.id, label: `${party.name} (${party.id})`, identifiers: matchInputs({ kind: 'party', party }).length }));
  const accounts = dataset.accounts.map((account) => ({ key: `account:${account.id}`, kind: 'account' as const, id: account.id, label: `${account.id}${account.holderName ? ` · ${account.holderName}` : ''}`, identifiers: matchInputs({ kind: 'account', account }).length }));
  return [...parties, ...accounts].filter((subject) => subject.identifiers > 0);
}

export interface SubjectPickState {
  picked: readonly string[];
  filter: string;
}

export type SubjectPickAction = { type: 'toggle'; key: string } | { type: 'filter'; text: string } | { type: 'pick-visible'; keys: readonly string[] } | { type: 'clear' };

export const initialSubjectPick: SubjectPickState = { picked: [], filter: '' };

export function subjectPickReducer(state: SubjectPickState, action: SubjectPickAction): SubjectPickState {
  switch (action.type) {
    case 'toggle':
      return { ...state, picked: state.picked.includes(action.key) ? state.picked.filter((key) => key !== action.key) : [...state.picked, action.key] };
    case 'filter':
      return { ...state, filter: action.text };
    case 'pick-visible':
      return { ...state, picked: [...new Set([...state.picked, ...action.keys])] };
    case 'clear':
      return { ...state, picked: [] };
  }
}

export function visibleSubjects(subjects: readonly MatchSubject[], filter: string): MatchSubject[] {
  const needle = filter.trim().toLowerCase();
  return needle ? subjects.filter((subject) => subject.label.toLowerCase().includes(needle)) : [...subjects];
}

/** The engine's selection and the count the analyst sees before saving. */
export function pickedSelection(subjects: readonly MatchSubject[], picked: readonly string[]): { selection: MatchSubjectSelection; subjects: number; identifiers: number } {
  const chosen = subjects.filter((subject) => picked.includes(subject.key));
  return {
    selection: { parties: chosen.filter((subject) => subject.kind === 'party').map((subject) => subject.id), accounts: chosen.filter((subject) => subject.kind === 'account').map((subject) => subject.id) },
    subjects: chosen.length,
    identifiers: chosen.reduce((sum, subject) => sum + subject.identifiers, 0),
  };
}

export interface MatchedSubject {
  kind: 'party' | 'account';
  recordId: string;
  /** What the partner also holds for this subject, in a fixed order (ID number, name with birth date, account). */
  types: MatchInputType[];
}

/**
 * A reply's overlap per subject: the exchange matches identifiers, but the analyst asks "which of my people does
 * the partner know, and by what" — one subject matched on its ID and on its name with birth date is one row, not two.
 */
export function matchedSubjects(matches: readonly PsiMatch[]): MatchedSubject[] {
  const bySubject = new Map<string, MatchedSubject>();
  for (const match of matches) {
    const key = `${match.kind}:${match.recordId}`;
    const subject = bySubject.get(key) ?? { kind: match.kind, recordId: match.recordId, types: [] };
    if (!subject.types.includes(match.type)) subject.types.push(match.type);
    bySubject.set(key, subject);
  }
  const order = (type: MatchInputType) => MATCH_INPUT_TYPES.indexOf(type);
  return [...bySubject.values()].map((subject) => ({ ...subject, types: subject.types.sort((a, b) => order(a) - order(b)) }));
}
