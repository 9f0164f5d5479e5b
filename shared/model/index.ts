export * from './records';
export * from './source';
export * from './alert';
export * from './language';
