export * from './actions';
export * from './canonical';
export * from './chain';
export * from './identity';
export * from './manifest';
export * from './signatureFile';
