export * from './records';
export * from './source';
export * from './alert';
