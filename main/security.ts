import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileSystemLike, PreventableEvent, SessionLike, WebContentsLike } from './ports';

/**
 * Caudal serves its renderer from a private `app://caudal/` origin rather
 * than file:// (Electron security checklist §18), so the page gets a real
 * origin for IndexedDB and workers, and every response carries our CSP.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'caudal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const START_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: standard + secure gives the scheme an origin, storage and module workers. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
} as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The only requests that may leave the page: our own files, devtools, and in-memory data. Nothing reaches a network. */
export function isAllowedRequestUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return parsed.host === APP_HOST;
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    default:
      return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.pdf': 'application/pdf',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file under `rootDir`, or null when the URL tries
 * to leave it. The URL parser already folds plain `..`; what survives here
 * is encoded (`..%2f`, `%5c`) or platform-specific (drive letters, NUL), so
 * any such segment is refused outright rather than normalised.
 */
export function resolveAppAssetPath(rootDir: string, requestUrl: string): string | null {
  const parsed = parseUrl(requestUrl);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\\\0:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const target = join(rootDir, ...(segments.length === 0 ? ['index.html'] : segments));
  const inside = relative(rootDir, target);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return target;
}

function securityHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  });
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** The `protocol.handle('app', …)` handler: files under rootDir only, always with the CSP. */
export function createAppProtocolHandler(dependencies: { rootDir: string; fs: Pick<FileSystemLike, 'readFile'> }) {
  return async (request: { url: string; method: string }): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const path = resolveAppAssetPath(dependencies.rootDir, request.url);
    if (!path) return refusal(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await dependencies.fs.readFile(path);
    } catch {
      return refusal(404, 'Not found');
    }
    const headers = securityHeaders(contentTypeOf(path));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

export type SecurityReport = (message: string) => void;

/** Session-wide guards: no network, no permissions, no spellchecker downloads. */
export function installSessionGuards(session: SessionLike, report: SecurityReport = () => {}): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) report(`Blocked a request that would leave the machine: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    report(`Denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
}

/**
 * Every webContents (the window, devtools, anything a bug might create):
 * no navigation, no redirects, no new windows, no <webview>. Links to the
 * outside world are never handed to shell.openExternal — the page is the
 * analyst's secret case, and its content is not trusted to pick a program.
 */
export function hardenWebContents(contents: WebContentsLike, report: SecurityReport = () => {}): void {
  const refuse = (what: string) => (event: PreventableEvent, ...rest: unknown[]) => {
    event.preventDefault();
    const url = typeof rest[0] === 'string' ? rest[0].slice(0, 200) : '';
    report(`Prevented ${what}${url ? `: ${url}` : ''}`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', (event: PreventableEvent, ...rest: unknown[]) => {
    // The initial load of app:// frames is fine; everything else is refused.
    const url = (event as PreventableEvent & { url?: unknown }).url;
    if (typeof url === 'string' && isAppUrl(url)) return;
    refuse('frame navigation')(event, ...rest);
  });
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('a <webview>'));
  contents.setWindowOpenHandler(({ url }) => {
    report(`Denied a new window: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
