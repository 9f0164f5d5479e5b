import { z } from 'zod';
import { MAX_READ_LENGTH, type IpcChannel } from './channels';
import { besideContract, keystoreContract } from './keystore';

/**
 * The whole surface between the renderer and the main process. Each channel
 * has a zod schema for its request and its response; the main process parses
 * every payload against it (main/ipc.ts) because a compromised renderer could
 * send anything, and the preload exposes exactly one method per channel.
 *
 * The renderer never names a path: `files:open` hands back opaque tokens for
 * the files the analyst chose in the dialog, and `files:read` accepts only
 * those tokens.
 */

/** Exports (PDF, case packages) are far smaller; this only bounds a hostile payload. */
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;
export const MAX_FILTERS = 10;

const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(100),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension is letters and digits without the dot, or *'))
    .min(1)
    .max(20),
});
export type FileFilter = z.infer<typeof fileFilterSchema>;

/** 128 random bits, hex: unguessable, and never a path. */
export const fileTokenSchema = z.string().regex(/^[0-9a-f]{32}$/, 'a file token is 32 lowercase hex digits');

export const fileHandleSchema = z.strictObject({
  token: fileTokenSchema,
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
});
export type FileHandle = z.infer<typeof fileHandleSchema>;

/** A plain file name: no folder, no parent reference, no control characters. */
const suggestedNameSchema = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[/\\\u0000-\u001f]/.test(name) && name !== '.' && name !== '..', 'a suggested name is a bare file name without folders');

const bytesSchema = z.instanceof(Uint8Array);

export const ipcContract = {
  'files:open': {
    request: z.strictObject({
      filters: z.array(fileFilterSchema).max(MAX_FILTERS),
      multiple: z.boolean(),
    }),
    response: z.strictObject({ files: z.array(fileHandleSchema) }),
  },
  'files:read': {
    request: z.strictObject({
      token: fileTokenSchema,
      offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      length: z.number().int().positive().max(MAX_READ_LENGTH),
    }),
    response: bytesSchema,
  },
  'files:save': {
    request: z.strictObject({
      suggestedName: suggestedNameSchema,
      bytes: bytesSchema.refine((bytes) => bytes.byteLength <= MAX_SAVE_BYTES, 'the file to save is larger than 1 GiB'),
      filters: z.array(fileFilterSchema).max(MAX_FILTERS).optional(),
    }),
    response: z.strictObject({ saved: z.boolean(), location: z.string().optional() }),
  },
  'app:info': {
    request: z.undefined(),
    response: z.strictObject({
      version: z.string(),
      platform: z.string(),
      electron: z.string(),
    }),
  },
  ...keystoreContract,
  ...besideContract,
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['request']>;
/** A request after the main process parsed it: what a handler receives. */
export type IpcParsedRequest<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['response']>;

/** What `window.caudal` offers inside Electron. */
export interface CaudalBridge {
  openFiles(request: IpcRequest<'files:open'>): Promise<IpcResponse<'files:open'>>;
  readFile(request: IpcRequest<'files:read'>): Promise<IpcResponse<'files:read'>>;
  saveFile(request: IpcRequest<'files:save'>): Promise<IpcResponse<'files:save'>>;
  appInfo(): Promise<IpcResponse<'app:info'>>;
  /** The keystore pair (issue 12) is optional to callers: the renderer checks for it, so a bridge without it means "passphrase only". */
  wrapAnalystKey?(request: IpcRequest<'keystore:wrap'>): Promise<IpcResponse<'keystore:wrap'>>;
  unwrapAnalystKey?(request: IpcRequest<'keystore:unwrap'>): Promise<IpcResponse<'keystore:unwrap'>>;
  /** Issue 12: writes `<file saved this session>.sig` or `.manifest.json` beside it, without another dialog. */
  saveBeside?(request: IpcRequest<'files:saveBeside'>): Promise<IpcResponse<'files:saveBeside'>>;
}
