/** Party resolution lives in shared/resolve (one owner for the app and the CLI); re-exported for existing imports. */
export { resolveCaseDataset } from '../../../shared/resolve';
export type { MergeDecision, ResolvedCase } from '../../../shared/resolve';
