import type { Party } from '../model/records';
import { buildIndex, prepareSubjects, screen } from './match';
import type { ListEntry, ParsedList, ScreeningHit, ScreeningSubject } from './types';

/** A party of a case as the matcher sees it. */
export function subjectOfParty(party: Party): ScreeningSubject {
  return {
    id: party.id,
    name: party.name,
    kind: party.kind,
    ...(party.idType ? { idType: party.idType } : {}),
    ...(party.idNumber ? { idNumber: party.idNumber } : {}),
    ...(party.nationality ? { nationality: party.nationality } : {}),
    ...(party.birthDate !== undefined ? { birthDate: party.birthDate } : {}),
  };
}

export interface ListHit extends ScreeningHit {
  /** Which of the screened lists the entry is on (its index in the input). */
  listIndex: number;
  entry: ListEntry;
}

/**
 * Screens subjects against several lists, one index per list, reporting
 * progress over the whole run. Returns hits sorted by score (then subject,
 * list, entry) so output is stable.
 */
export function screenAgainstLists(
  subjects: readonly ScreeningSubject[],
  lists: readonly Pick<ParsedList, 'entries'>[],
  options: { threshold?: number; onProgress?: (done: number, total: number) => boolean | void } = {},
): ListHit[] | undefined {
  const hits: ListHit[] = [];
  const total = subjects.length * lists.length;
  // Names are analysed once for all the lists.
  const prepared = prepareSubjects(subjects);
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l] as Pick<ParsedList, 'entries'>;
    const index = buildIndex(list.entries);
    let stopped = false;
    const found = screen(subjects, index, {
      prepared,
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      onProgress: (done) => {
        if (options.onProgress?.(l * subjects.length + done, total) === false) {
          stopped = true;
          return false;
        }
        return true;
      },
    });
    if (stopped) return undefined;
    const byId = new Map(list.entries.map((entry) => [entry.id, entry]));
    for (const hit of found) hits.push({ ...hit, listIndex: l, entry: byId.get(hit.entryId) as ListEntry });
  }
  return hits.sort(compareListHits);
}

/** The order hits are reported in: by score, then subject, list and entry, so output is stable (also when screened in parts). */
export function compareListHits(a: Omit<ListHit, 'entry'>, b: Omit<ListHit, 'entry'>): number {
  return b.score - a.score || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0) || a.listIndex - b.listIndex || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0);
}
