import { describe, expect, it } from 'vitest';
import { initialSubjectPick, matchedSubjects, matchSubjects, pickedSelection, subjectPickReducer, visibleSubjects } from '../../../renderer/features/share/matchSelection';

const source = { file: 'ab'.repeat(32), line: 1 };
const dataset = {
  parties: [
    { id: 'CC:10234567', name: 'José Ramírez', kind: 'person' as const, idType: 'CC' as const, idNumber: '10234567', birthDate: 0, pep: false, source },
    { id: 'N:ANA', name: 'Ana', kind: 'person' as const, pep: false, source },
  ],
  accounts: [{ id: '0012345678901', holderName: 'José Ramírez', source }],
};

describe('explicit subject selection for a match request', () => {
  it('lists only subjects with an identifier and counts what will be blinded before saving', () => {
    const subjects = matchSubjects(dataset);
    expect(subjects.map((subject) => [subject.key, subject.identifiers])).toEqual([
      ['party:CC:10234567', 2],
      ['account:0012345678901', 1],
    ]);
    let state = subjectPickReducer(initialSubjectPick, { type: 'toggle', key: 'party:CC:10234567' });
    expect(pickedSelection(subjects, state.picked)).toEqual({ selection: { parties: ['CC:10234567'], accounts: [] }, subjects: 1, identifiers: 2 });
    state = subjectPickReducer(state, { type: 'filter', text: '0012' });
    const shown = visibleSubjects(subjects, state.filter);
    expect(shown.map((subject) => subject.key)).toEqual(['account:0012345678901']);
    state = subjectPickReducer(state, { type: 'pick-visible', keys: shown.map((subject) => subject.key) });
    expect(pickedSelection(subjects, state.picked).identifiers).toBe(3);
    state = subjectPickReducer(state, { type: 'toggle', key: 'party:CC:10234567' });
    expect(state.picked).toEqual(['account:0012345678901']);
    expect(subjectPickReducer(state, { type: 'clear' }).picked).toEqual([]);
  });
});

describe('matchedSubjects', () => {
  it('gives one row per subject with every identifier the partner also holds, in a fixed order', () => {
    const rows = matchedSubjects([
      { kind: 'party', recordId: 'CC:1', type: 'name-dob' },
      { kind: 'account', recordId: 'ACC-9', type: 'account' },
      { kind: 'party', recordId: 'CC:1', type: 'id' },
      { kind: 'party', recordId: 'CC:2', type: 'id' },
      { kind: 'party', recordId: 'CC:1', type: 'id' },
    ]);
    expect(rows).toEqual([
      { kind: 'party', recordId: 'CC:1', types: ['id', 'name-dob'] },
      { kind: 'account', recordId: 'ACC-9', types: ['account'] },
      { kind: 'party', recordId: 'CC:2', types: ['id'] },
    ]);
  });

  it('keeps a party and an account with the same identifier apart', () => {
    expect(matchedSubjects([
      { kind: 'party', recordId: 'X1', type: 'id' },
      { kind: 'account', recordId: 'X1', type: 'account' },
    ])).toHaveLength(2);
  });
});
