/** Screening against sanctions, PEP and national lists, with name matching built for Latin-American names. */
export * from './types';
export { spanishPhoneticKey, editDistance } from './phonetic';
export { analyseName, analysePerson, analyseCompany, blockingKeys } from './names';
export { HYPOCORISMS, GIVEN_NAMES } from './hypocorisms';
export { countryCode } from './countries';
export { DEFAULT_THRESHOLD, blockSizes, buildIndex, prepareSubjects, screen, compareNames, compareTokens, evidence, idFamily, idKey, formatPartialDate } from './match';
export type { ScreeningIndex, ScreenOptions } from './match';
export { explain } from './explain';
export * from './lists';
export { subjectOfParty, screenAgainstLists, compareListHits } from './run';
export type { ListHit } from './run';
