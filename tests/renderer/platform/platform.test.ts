import { describe, expect, it, vi } from 'vitest';
import { platform } from '../../../renderer/platform';
import { acceptToFilters, createPlatform, createWebPlatform, PlatformUnavailableError, safeFileName, safeFilters } from '../../../renderer/platform/platform';
import { MAX_READ_LENGTH, READ_CHUNK_LENGTH, type CaudalBridge } from '../../../shared/ipc';

function fakeBridge(files: Record<string, Uint8Array>) {
  const names = Object.keys(files);
  const tokenOf = (name: string) => (names.indexOf(name) + 1).toString(16).padStart(32, '0');
  const reads: { offset: number; length: number }[] = [];
  const bridge: CaudalBridge = {
    openFiles: vi.fn(async () => ({ files: names.map((name) => ({ token: tokenOf(name), name, size: files[name]?.byteLength ?? 0 })) })),
    readFile: vi.fn(async ({ token, offset, length }) => {
      if (length > MAX_READ_LENGTH) throw new Error('files:read: length: too big');
      reads.push({ offset, length });
      const name = names.find((candidate) => tokenOf(candidate) === token);
      const bytes = name === undefined ? undefined : files[name];
      if (!bytes) throw new Error('unknown token');
      return bytes.slice(offset, offset + length);
    }),
    saveFile: vi.fn(async () => ({ saved: true, location: '/home/analyst/informe.pdf' })),
    appInfo: vi.fn(async () => ({ version: '0.1.0', platform: 'win32', electron: '39.8.10' })),
  };
  return { bridge, reads };
}

describe('platform detection', () => {
  it('falls back to the web build when window.caudal is absent', () => {
    expect(createPlatform({}).kind).toBe('web');
    expect(platform.kind).toBe('web');
  });

  it('ignores a window.caudal that is not the complete bridge', () => {
    expect(createPlatform({ caudal: { openFiles: () => Promise.resolve({ files: [] }) } }).kind).toBe('web');
    expect(createPlatform({ caudal: 'electron' }).kind).toBe('web');
  });

  it('uses the preload bridge when it is there', () => {
    expect(createPlatform({ caudal: fakeBridge({}).bridge }).kind).toBe('electron');
  });
});

describe('the web platform', () => {
  function fakePage() {
    const anchor = { href: '', download: '', rel: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
    const deferred: (() => void)[] = [];
    const revoked: string[] = [];
    const blobs: Blob[] = [];
    const web = createWebPlatform({
      document: {
        createElement: vi.fn(() => anchor) as unknown as Document['createElement'],
        body: { appendChild: vi.fn() } as unknown as HTMLElement,
      },
      createObjectURL: (blob) => {
        blobs.push(blob);
        return `blob:app://caudal/${blobs.length}`;
      },
      revokeObjectURL: (url) => revoked.push(url),
      later: (callback) => deferred.push(callback),
    });
    return { web, anchor, deferred, revoked, blobs };
  }

  it('downloads through an object URL and an <a download>, revoking the URL afterwards', async () => {
    const page = fakePage();
    const result = await page.web.saveFile({ suggestedName: 'alertas.csv', data: 'cuenta;monto\n', mimeType: 'text/csv' });
    expect(result).toEqual({ saved: true });
    expect(page.anchor.download).toBe('alertas.csv');
    expect(page.anchor.href).toBe('blob:app://caudal/1');
    expect(page.anchor.click).toHaveBeenCalledOnce();
    expect(page.anchor.remove).toHaveBeenCalledOnce();
    expect(page.revoked).toEqual([]);
    page.deferred.forEach((callback) => callback());
    expect(page.revoked).toEqual(['blob:app://caudal/1']);
    expect(page.blobs[0]?.type).toBe('text/csv');
    expect(await page.blobs[0]?.text()).toBe('cuenta;monto\n');
  });

  it('passes a Blob through untouched and wraps bytes', async () => {
    const page = fakePage();
    const blob = new Blob(['%PDF'], { type: 'application/pdf' });
    await page.web.saveFile({ suggestedName: 'a.pdf', data: blob, mimeType: 'application/pdf' });
    await page.web.saveFile({ suggestedName: 'b.zip', data: new Uint8Array([80, 75, 3, 4]), mimeType: 'application/zip' });
    expect(page.blobs[0]).toBe(blob);
    expect(new Uint8Array(await (page.blobs[1] as Blob).arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
  });

  it('cannot open a file dialog by itself', async () => {
    await expect(fakePage().web.pickFiles({ accept: ['.csv'], multiple: false })).rejects.toBeInstanceOf(PlatformUnavailableError);
  });
});

describe('the Electron platform', () => {
  it('streams a chosen file from the main process in bounded chunks and rebuilds it as a Blob', async () => {
    const size = 2 * READ_CHUNK_LENGTH + 12_345;
    const content = new Uint8Array(size);
    for (let index = 0; index < size; index += 1) content[index] = (index * 7) % 256;
    const small = new TextEncoder().encode('a;b\n1;2\n');
    const { bridge, reads } = fakeBridge({ 'movimientos.csv': content, 'clientes.csv': small });
    const electron = createPlatform({ caudal: bridge });
    const picked = await electron.pickFiles({ accept: ['.csv', 'text/plain'], multiple: true });
    expect(bridge.openFiles).toHaveBeenCalledWith({ filters: [{ name: 'CSV, TXT', extensions: ['csv', 'txt'] }], multiple: true });
    expect(picked.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: 'movimientos.csv', size },
      { name: 'clientes.csv', size: small.byteLength },
    ]);
    expect(reads.slice(0, 3)).toEqual([
      { offset: 0, length: READ_CHUNK_LENGTH },
      { offset: READ_CHUNK_LENGTH, length: READ_CHUNK_LENGTH },
      { offset: 2 * READ_CHUNK_LENGTH, length: 12_345 },
    ]);
    expect(reads.every((read) => read.length <= MAX_READ_LENGTH)).toBe(true);
    const rebuilt = new Uint8Array(await (picked[0]?.blob as Blob).arrayBuffer());
    expect(Buffer.from(rebuilt).equals(content)).toBe(true);
    expect(await picked[1]?.blob.text()).toBe('a;b\n1;2\n');
  });

  it('reads an empty file without asking for any bytes', async () => {
    const { bridge, reads } = fakeBridge({ 'vacio.csv': new Uint8Array() });
    const [file] = await createPlatform({ caudal: bridge }).pickFiles({ accept: [], multiple: false });
    expect(file?.size).toBe(0);
    expect(reads).toEqual([]);
    expect(bridge.openFiles).toHaveBeenCalledWith({ filters: [], multiple: false });
  });

  it('saves strings and Blobs as bytes through the bridge and reports where', async () => {
    const { bridge } = fakeBridge({});
    const electron = createPlatform({ caudal: bridge });
    const result = await electron.saveFile({ suggestedName: 'informe.pdf', data: new Blob(['%PDF-1.7']), mimeType: 'application/pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(result).toEqual({ saved: true, location: '/home/analyst/informe.pdf' });
    await electron.saveFile({ suggestedName: 'notas.txt', data: 'ñandú', mimeType: 'text/plain' });
    const calls = vi.mocked(bridge.saveFile).mock.calls;
    expect(calls[0]?.[0]).toEqual({ suggestedName: 'informe.pdf', bytes: new TextEncoder().encode('%PDF-1.7'), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(calls[1]?.[0]).toEqual({ suggestedName: 'notas.txt', bytes: new TextEncoder().encode('ñandú') });
  });
});

describe('save requests are made acceptable to the main process', () => {
  it('turns folder separators and control characters in a suggested name into underscores', () => {
    expect(safeFileName('UIAF/2026/0042.match-filters.json')).toBe('UIAF_2026_0042.match-filters.json');
    expect(safeFileName('a\\b\u0000c.pdf')).toBe('a_b_c.pdf');
    expect(safeFileName('..')).toBe('caudal-export');
    expect(safeFileName('   ')).toBe('caudal-export');
    expect(safeFileName('x'.repeat(300))).toHaveLength(255);
  });

  it('strips dots from filter extensions and drops filters left empty', () => {
    expect(safeFilters([{ name: 'JSON', extensions: ['.json', 'JSON'] }, { name: 'Bad', extensions: ['.a/b'] }])).toEqual([{ name: 'JSON', extensions: ['json', 'JSON'] }]);
    expect(safeFilters(undefined)).toEqual([]);
  });

  it('sends the cleaned name and filters over the bridge', async () => {
    const { bridge } = fakeBridge({});
    await createPlatform({ caudal: bridge }).saveFile({ suggestedName: 'UIAF/7.caudal', data: 'x', mimeType: 'application/zip', filters: [{ name: 'Caudal package', extensions: ['.caudal'] }] });
    expect(vi.mocked(bridge.saveFile).mock.calls[0]?.[0]).toEqual({ suggestedName: 'UIAF_7.caudal', bytes: new TextEncoder().encode('x'), filters: [{ name: 'Caudal package', extensions: ['caudal'] }] });
  });
});

describe('acceptToFilters', () => {
  it('turns extensions and known MIME types into one dialog filter, and nothing into all files', () => {
    expect(acceptToFilters(['.CSV', '.txt', 'text/csv', 'application/zip'], 'Datos')).toEqual([{ name: 'Datos', extensions: ['csv', 'txt', 'zip'] }]);
    expect(acceptToFilters(['.csv', '.tsv'])).toEqual([{ name: 'CSV, TSV', extensions: ['csv', 'tsv'] }]);
    expect(acceptToFilters([], 'x')).toEqual([]);
    expect(acceptToFilters(['image/*', '.a/b'], 'x')).toEqual([]);
  });
});
