export * from './annex';
export * from './pdf';
export { exportDocumentMessages } from './messages';
