/**
 * The renderer's only view of where it runs: inside Caudal's Electron shell
 * (preload bridge `window.caudal`) or in a plain browser (file inputs and
 * downloads). Features import from here and never from electron or the bridge.
 */
export type { PickedFile, SaveRequest, SaveResult, PickFilesOptions, Platform } from './types';
export { platform } from './current';
export { FilePicker, type FilePickerProps } from './FilePicker';
export { PlatformUnavailableError } from './platform';
