export * from './types';
export { TYPOLOGIES, typologyById, runDetection, rank, mergeOverlapping, DetectionCancelledError, type DetectionOptions } from './registry';
export { alertId } from './alerts';
export { currenciesWithoutRate } from './indexing';
export { isRoundAmount } from './typologies/accountBehaviour';
export * from './sensitivity';
