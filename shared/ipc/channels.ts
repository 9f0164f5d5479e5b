/**
 * Channel names and the bridge method for each, kept free of zod so the
 * sandboxed preload bundle stays tiny and imports no validation library.
 */
export const IPC_CHANNELS = ['files:open', 'files:read', 'files:save', 'app:info', 'keystore:wrap', 'keystore:unwrap', 'files:saveBeside'] as const;
export type IpcChannel = (typeof IPC_CHANNELS)[number];

/** The preload bridge's method for each channel: one method per channel, nothing generic. */
export const BRIDGE_METHODS = {
  'files:open': 'openFiles',
  'files:read': 'readFile',
  'files:save': 'saveFile',
  'app:info': 'appInfo',
  'keystore:wrap': 'wrapAnalystKey',
  'keystore:unwrap': 'unwrapAnalystKey',
  'files:saveBeside': 'saveBeside',
} as const satisfies Record<IpcChannel, string>;

/** The global name the preload exposes the bridge under (`window.caudal`). */
export const BRIDGE_GLOBAL = 'caudal';

/** The largest slice `files:read` returns in one call. */
export const MAX_READ_LENGTH = 8 * 1024 * 1024;
/** The slice size the renderer asks for when it streams a chosen file. */
export const READ_CHUNK_LENGTH = 4 * 1024 * 1024;
