export * from './schema';
export * from './jurisdictions';
export * from './builtin';
export * from './io';
