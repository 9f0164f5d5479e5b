import { BRIDGE_GLOBAL, READ_CHUNK_LENGTH } from '../../shared/ipc/channels';
import type { CaudalBridge, FileFilter, FileHandle } from '../../shared/ipc/contract';
import type { PickedFile, PickFilesOptions, Platform, SaveRequest, SaveResult } from './types';

export class PlatformUnavailableError extends Error {
  override name = 'PlatformUnavailableError';
}

const BRIDGE_METHOD_NAMES: readonly (keyof CaudalBridge)[] = ['openFiles', 'readFile', 'saveFile', 'appInfo'];

/** The preload bridge if this page runs inside Caudal's Electron shell, otherwise undefined. */
export function findBridge(scope: object): CaudalBridge | undefined {
  const candidate: unknown = (scope as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const methods = candidate as Record<string, unknown>;
  return BRIDGE_METHOD_NAMES.every((name) => typeof methods[name] === 'function') ? (candidate as CaudalBridge) : undefined;
}

const MIME_EXTENSIONS: Record<string, string[]> = {
  'text/csv': ['csv'],
  'text/plain': ['txt'],
  'text/tab-separated-values': ['tsv'],
  'application/json': ['json'],
  'application/zip': ['zip'],
  'application/pdf': ['pdf'],
};

/** Turns an <input accept> list into one dialog filter named after its extensions ("CSV, TXT"); an empty list means "all files". */
export function acceptToFilters(accept: string[], name?: string): FileFilter[] {
  const extensions = new Set<string>();
  for (const entry of accept) {
    const trimmed = entry.trim().toLowerCase();
    if (trimmed.startsWith('.') && /^\.[a-z0-9]{1,16}$/.test(trimmed)) extensions.add(trimmed.slice(1));
    for (const extension of MIME_EXTENSIONS[trimmed] ?? []) extensions.add(extension);
  }
  if (extensions.size === 0) return [];
  const label = name ?? [...extensions].map((extension) => extension.toUpperCase()).join(', ');
  return [{ name: label.slice(0, 100) || 'Files', extensions: [...extensions] }];
}

/**
 * The main process refuses names with folders in them; a case number such as
 * "UIAF/2026/0042" is an everyday part of a suggested name, so it is made
 * safe here the way a browser's download does, not refused.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[/\\\u0000-\u001f]/g, '_').trim().slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'caudal-export' : cleaned;
}

/** Dialog filters in the shape the contract accepts: extensions without the dot, at most ten filters. */
export function safeFilters(filters: SaveRequest['filters']): FileFilter[] {
  return (filters ?? [])
    .map((filter) => ({
      name: filter.name.slice(0, 100) || 'Files',
      extensions: filter.extensions.map((extension) => extension.replace(/^\./, '')).filter((extension) => /^(\*|[A-Za-z0-9]{1,16})$/.test(extension)).slice(0, 20),
    }))
    .filter((filter) => filter.extensions.length > 0)
    .slice(0, 10);
}

/** The same bytes over a plain ArrayBuffer, copied only when they sit on a shared or foreign-realm buffer. */
function ownBytes(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

async function toBytes(data: SaveRequest['data']): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof Uint8Array) return ownBytes(data);
  return new Uint8Array(await data.arrayBuffer());
}

/** Streams a chosen file from the main process in bounded slices and assembles the Blob here. */
async function readWholeFile(bridge: CaudalBridge, handle: FileHandle): Promise<PickedFile> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  while (offset < handle.size) {
    const length = Math.min(READ_CHUNK_LENGTH, handle.size - offset);
    // Checked by hand rather than with the zod contract: zod probes `new Function` on first use, which the CSP reports as a violation.
    const bytes: unknown = await bridge.readFile({ token: handle.token, offset, length });
    if (!ArrayBuffer.isView(bytes)) throw new TypeError(`files:read returned no bytes for ${handle.name}`);
    // The file shrank while we read it: stop at what exists rather than loop forever.
    if (bytes.byteLength === 0) break;
    chunks.push(ownBytes(bytes));
    offset += bytes.byteLength;
  }
  const blob = new Blob(chunks);
  return { name: handle.name, size: blob.size, blob };
}

export function createElectronPlatform(bridge: CaudalBridge): Platform {
  return {
    kind: 'electron',
    async saveFile(request: SaveRequest): Promise<SaveResult> {
      const filters = safeFilters(request.filters);
      const result = await bridge.saveFile({
        suggestedName: safeFileName(request.suggestedName),
        bytes: await toBytes(request.data),
        ...(filters.length > 0 ? { filters } : {}),
      });
      return result.location === undefined ? { saved: result.saved } : { saved: result.saved, location: result.location };
    },
    async pickFiles(options: PickFilesOptions): Promise<PickedFile[]> {
      const response = await bridge.openFiles({ filters: acceptToFilters(options.accept), multiple: options.multiple });
      if (!Array.isArray(response.files)) throw new TypeError('files:open returned no file list');
      const picked: PickedFile[] = [];
      for (const handle of response.files) picked.push(await readWholeFile(bridge, handle));
      return picked;
    },
  };
}

/** What the web build needs from the page, injectable so it runs in a Node test. */
export interface WebEnvironment {
  document: Pick<Document, 'createElement' | 'body'>;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** Defers the revocation until the browser has started the download. */
  later(callback: () => void): void;
}

export function createWebPlatform(environment: WebEnvironment): Platform {
  return {
    kind: 'web',
    async saveFile(request: SaveRequest): Promise<SaveResult> {
      const blob =
        request.data instanceof Blob
          ? request.data
          : new Blob([typeof request.data === 'string' ? request.data : ownBytes(request.data)], { type: request.mimeType });
      const url = environment.createObjectURL(blob);
      const anchor = environment.document.createElement('a');
      anchor.href = url;
      anchor.download = safeFileName(request.suggestedName);
      anchor.rel = 'noopener';
      anchor.style.display = 'none';
      environment.document.body.appendChild(anchor);
      try {
        anchor.click();
      } finally {
        anchor.remove();
        environment.later(() => environment.revokeObjectURL(url));
      }
      return { saved: true };
    },
    async pickFiles(): Promise<PickedFile[]> {
      throw new PlatformUnavailableError('A web page cannot open a file dialog by itself: render <FilePicker> and let the analyst choose.');
    },
  };
}

/** Picks the Electron bridge when the preload exposed it, else the plain-browser implementation. */
export function createPlatform(scope: object): Platform {
  const bridge = findBridge(scope);
  if (bridge) return createElectronPlatform(bridge);
  const page = scope as Partial<typeof globalThis>;
  return createWebPlatform({
    get document() {
      if (!page.document) throw new PlatformUnavailableError('Saving a file needs a page document.');
      return page.document;
    },
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    later: (callback) => setTimeout(callback, 30_000),
  });
}
