import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('../../../renderer/platform/current');
  vi.resetModules();
});

describe('FilePicker', () => {
  it('is a file input behind its translated label in the web build, focusable and reachable by setInputFiles', async () => {
    const { FilePicker } = await import('../../../renderer/platform');
    const html = renderToStaticMarkup(<FilePicker accept={['.csv', 'text/csv']} multiple label="Elegir archivos" testId="import-file" onFiles={() => {}} />);
    const input = html.match(/<input[^>]*>/)?.[0] ?? '';
    expect(input).toContain('type="file"');
    expect(input).toContain('data-testid="import-file"');
    expect(input).toContain('accept=".csv,text/csv"');
    expect(input).toContain('multiple=""');
    const id = input.match(/id="([^"]+)"/)?.[1];
    expect(html).toContain(`<label for="${id}" class="file-picker-button">Elegir archivos</label>`);
    // Visually hidden (so Chromium's own English "Choose Files" never shows), never display:none or
    // the hidden attribute, which would take it out of the keyboard order.
    expect(input).toContain('class="visually-hidden"');
    expect(input).not.toMatch(/\shidden(=|\s|>)|display:\s*none/);
  });

  it('is a button that opens the system dialog inside Electron', async () => {
    vi.doMock('../../../renderer/platform/current', () => ({
      platform: { kind: 'electron', pickFiles: vi.fn(async () => []), saveFile: vi.fn() },
    }));
    const { FilePicker } = await import('../../../renderer/platform');
    const html = renderToStaticMarkup(<FilePicker accept={['.json']} label="Importar perfil" testId="profile-import" disabled onFiles={() => {}} />);
    expect(html).toMatch(/^<button type="button"[^>]*data-testid="profile-import"[^>]*disabled=""[^>]*>Importar perfil<\/button>$/);
    expect(html).not.toContain('type="file"');
  });
});
