/** Entity resolution: ID numbers, name folding, merging parties across files, duplicate proposals. */
export {
  normaliseId,
  normaliseIdNumber,
  nitCheckDigit,
  ecuadorCedulaValid,
  ecuadorRucValid,
  rncCheckDigit,
  dominicanRncValid,
  dominicanCedulaValid,
  curpCheckDigit,
  rfcCheckDigit,
  looksLikeCurp,
  looksLikeRfc,
  idTypeFromShape,
} from './ids';
export type { NormalisedId, CheckDigitStatus } from './ids';
export { foldName, foldAccents, nameKey, exchangeNameKey, coreNameTokens, nameTokens, isCompanyName, partyKindOf } from './names';
export { nameSimilarity, jaroWinkler } from './similarity';
export { resolveParties, proposeDuplicates, mergeParties } from './resolve';
export type { ResolvedParties, DuplicateProposal, DuplicateReason } from './resolve';
export { resolveCaseDataset } from './caseDataset';
export type { MergeDecision, ResolvedCase } from './caseDataset';
