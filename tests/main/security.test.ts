import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { PreventableEvent, SessionLike, WebContentsLike } from '../../main/ports';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  START_URL,
  createAppProtocolHandler,
  hardenWebContents,
  installSessionGuards,
  isAllowedRequestUrl,
  resolveAppAssetPath,
} from '../../main/security';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the offline policy: own files only, no plugins, no framing, no form posts', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('the app:// scheme', () => {
  it('is standard and secure so the page has an origin for IndexedDB and module workers, and does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(START_URL).toBe('app://caudal/index.html');
  });
});

describe('isAllowedRequestUrl', () => {
  it.each([
    'http://127.0.0.1:4173/',
    'https://example.org/exfiltrate?data=secret',
    'ws://localhost:9000',
    'wss://example.org/socket',
    'file:///etc/passwd',
    'file:///C:/Users/analyst/case.csv',
    'ftp://example.org/',
    'chrome://settings',
    'app://evil/index.html',
    'not a url',
  ])('cancels %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });

  it.each(['app://caudal/index.html', 'app://caudal/assets/index-abc.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AAAA', 'blob:app://caudal/5f2b'])(
    'allows %s',
    (url) => {
      expect(isAllowedRequestUrl(url)).toBe(true);
    },
  );
});

describe('resolveAppAssetPath', () => {
  const root = '/opt/caudal/dist/renderer';

  it('maps app URLs under the renderer folder, and the bare origin to index.html', () => {
    expect(resolveAppAssetPath(root, 'app://caudal/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppAssetPath(root, 'app://caudal/')).toBe(`${root}/index.html`);
    expect(resolveAppAssetPath(root, 'app://caudal/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppAssetPath(root, 'app://caudal/demo/Caso%20demo.csv')).toBe(`${root}/demo/Caso demo.csv`);
  });

  it.each([
    'app://caudal/..%2f..%2fetc%2fpasswd',
    'app://caudal/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://caudal/..%5c..%5cWindows%5cwin.ini',
    'app://caudal/assets/%00.js',
    'app://caudal/C:%5cUsers',
    'app://caudal/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppAssetPath(root, url)).toBeNull();
  });

  it('never escapes the root even when the URL parser folds plain dot segments', () => {
    expect(resolveAppAssetPath(root, 'app://caudal/../../etc/passwd')).toBe(`${root}/etc/passwd`);
  });
});

describe('createAppProtocolHandler', () => {
  const work = mkdtempSync(join(tmpdir(), 'caudal-protocol-'));
  const rootDir = join(work, 'renderer');
  mkdirSync(join(rootDir, 'assets'), { recursive: true });
  writeFileSync(join(rootDir, 'index.html'), '<!doctype html><title>Caudal</title>');
  writeFileSync(join(rootDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(work, 'secret.txt'), 'case file');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const handle = createAppProtocolHandler({ rootDir, fs });

  it('serves files with their type and the CSP header', async () => {
    const response = await handle({ url: 'app://caudal/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Caudal</title>');
    const script = await handle({ url: 'app://caudal/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal with 403, still carrying the CSP', async () => {
    const response = await handle({ url: 'app://caudal/..%2fsecret.txt', method: 'GET' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('case file');
  });

  it('answers 404 for a missing file and 405 for anything but GET and HEAD', async () => {
    expect((await handle({ url: 'app://caudal/nope.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://caudal/index.html', method: 'POST' })).status).toBe(405);
    const head = await handle({ url: 'app://caudal/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

function fakeSession() {
  let beforeRequest: Parameters<SessionLike['webRequest']['onBeforeRequest']>[0] | undefined;
  let permissionRequest: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
  let permissionCheck: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
  let deviceCheck: Parameters<SessionLike['setDevicePermissionHandler']>[0] | undefined;
  const session: SessionLike = {
    webRequest: { onBeforeRequest: (listener) => (beforeRequest = listener) },
    setPermissionRequestHandler: (handler) => (permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (permissionCheck = handler),
    setDevicePermissionHandler: (handler) => (deviceCheck = handler),
    setSpellCheckerEnabled: vi.fn(),
  };
  return {
    session,
    request(url: string): boolean {
      let cancelled: boolean | undefined;
      beforeRequest?.({ url }, (response) => (cancelled = response.cancel));
      if (cancelled === undefined) throw new Error('the request listener never answered');
      return cancelled;
    },
    askPermission(permission: string): boolean {
      let granted: boolean | undefined;
      permissionRequest?.({}, permission, (answer) => (granted = answer));
      if (granted === undefined) throw new Error('the permission handler never answered');
      return granted;
    },
    checkPermission: (permission: string) => permissionCheck?.({}, permission),
    checkDevice: () => deviceCheck?.({}),
  };
}

describe('installSessionGuards', () => {
  it('cancels every request that would leave the machine and lets app:// through', () => {
    const fake = fakeSession();
    const reports: string[] = [];
    installSessionGuards(fake.session, (message) => reports.push(message));
    expect(fake.request('https://example.org/beacon')).toBe(true);
    expect(fake.request('http://127.0.0.1:8080/')).toBe(true);
    expect(fake.request('ws://localhost/')).toBe(true);
    expect(fake.request('file:///etc/shadow')).toBe(true);
    expect(fake.request('app://caudal/index.html')).toBe(false);
    expect(reports.filter((report) => report.startsWith('Blocked'))).toHaveLength(4);
  });

  it('denies every permission, device and spellchecker download', () => {
    const fake = fakeSession();
    installSessionGuards(fake.session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(fake.askPermission(permission)).toBe(false);
      expect(fake.checkPermission(permission)).toBe(false);
    }
    expect(fake.checkDevice()).toBe(false);
    expect(fake.session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: PreventableEvent, ...rest: unknown[]) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents: WebContentsLike = {
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler) => (openHandler = handler),
    };
    const fire = (name: string, ...rest: unknown[]) => {
      const event = { preventDefault: vi.fn(), url: rest[0] };
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no ${name} listener`);
      listener(event, ...rest);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { contents, fire, openWindow: (url: string) => openHandler?.({ url }) };
  }

  it('prevents navigation, redirects and <webview>, even to app:// pages', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.fire('will-navigate', 'https://example.org/')).toBe(true);
    expect(fake.fire('will-navigate', 'app://caudal/index.html')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
    expect(fake.fire('will-frame-navigate', 'https://example.org/')).toBe(true);
    expect(fake.fire('will-frame-navigate', 'app://caudal/frame.html')).toBe(false);
  });

  it('denies every new window without opening anything externally', () => {
    const fake = fakeContents();
    const reports: string[] = [];
    hardenWebContents(fake.contents, (message) => reports.push(message));
    expect(fake.openWindow('https://example.org/')).toEqual({ action: 'deny' });
    expect(fake.openWindow('app://caudal/index.html')).toEqual({ action: 'deny' });
    expect(reports).toEqual(['Denied a new window: https://example.org/', 'Denied a new window: app://caudal/index.html']);
  });
});
