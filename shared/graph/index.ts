export * from './types';
export { DEFAULT_FX_PER_USD, usdConverter } from './fx';
export { normaliseName, looksLikeCompany } from './aggregate';
export { buildAccountGraph, buildPartyGraph, PARTY_PREFIX, type PartyGraphOptions } from './build';
export { buildTradeGraph, type TradeGraphOptions } from './trade';
export { evidenceSubgraph, type EvidenceSubgraph } from './evidence';
export { mergePartnerGraph, PARTNER_EDGE_PREFIX } from './overlay';
export * from './paths';
export * from './centrality';
