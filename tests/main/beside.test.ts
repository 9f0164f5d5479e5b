import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DialogLike } from '../../main/ports';
import { MAX_BESIDE_BYTES } from '../../shared/ipc';
import { eventFrom, mainWithHandlers, MAIN_FRAME, refusal } from './fakes';

/**
 * files:saveBeside (issue 12): a signature or manifest goes next to a file
 * the analyst just saved through the dialog, named after it, and nowhere else.
 */
const work = mkdtempSync(join(tmpdir(), 'caudal-beside-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PDF = new TextEncoder().encode('%PDF-1.7 chart');
const SIG = new TextEncoder().encode('{"format":"caudal.detached-signature/1"}\n');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function mainProcess(saveAs: string) {
  const dialog: DialogLike = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: saveAs })),
  };
  const app = mainWithHandlers({ dialog, fs, defaultDirectory: () => work });
  return {
    dialog,
    save: (bytes: Uint8Array) => app.invoke('files:save', app.fromApp, { suggestedName: 'x.pdf', bytes }),
    beside: (payload: unknown, event = app.fromApp) => app.invoke('files:saveBeside', event, payload),
  };
}

describe('files:saveBeside', () => {
  it('writes <saved file>.sig and .manifest.json next to the file saved in the dialog, without asking again', async () => {
    const folder = mkdtempSync(join(work, 'case-'));
    const target = join(folder, 'UIAF-12 chart (final).pdf');
    const app = mainProcess(target);
    await expect(app.save(PDF)).resolves.toEqual({ saved: true, location: target });
    await expect(app.beside({ fileSha256: sha(PDF), suffix: '.sig', bytes: SIG })).resolves.toEqual({ saved: true, location: `${target}.sig` });
    await expect(app.beside({ fileSha256: sha(PDF), suffix: '.manifest.json', bytes: SIG })).resolves.toMatchObject({ saved: true });
    expect(readFileSync(`${target}.sig`)).toEqual(Buffer.from(SIG));
    expect(readdirSync(folder).sort()).toEqual(['UIAF-12 chart (final).pdf', 'UIAF-12 chart (final).pdf.manifest.json', 'UIAF-12 chart (final).pdf.sig']);
    expect(app.dialog.showSaveDialog).toHaveBeenCalledTimes(1);
  });

  it('writes nothing for a file not saved in this session', async () => {
    const folder = mkdtempSync(join(work, 'case-'));
    const app = mainProcess(join(folder, 'chart.pdf'));
    await expect(app.beside({ fileSha256: sha(PDF), suffix: '.sig', bytes: SIG })).resolves.toEqual({ saved: false });
    await app.save(PDF);
    const other = new TextEncoder().encode('another file');
    await expect(app.beside({ fileSha256: sha(other), suffix: '.sig', bytes: SIG })).resolves.toEqual({ saved: false });
    expect(readdirSync(folder)).toEqual(['chart.pdf']);
  });

  it('refuses another name, a path, an oversized payload, extra fields and a stranger frame', async () => {
    const folder = mkdtempSync(join(work, 'case-'));
    const app = mainProcess(join(folder, 'chart.pdf'));
    await app.save(PDF);
    const fileSha256 = sha(PDF);
    expect(await refusal(app.beside({ fileSha256, suffix: '.exe', bytes: SIG }))).toMatch(/files:saveBeside: suffix: /);
    expect(await refusal(app.beside({ fileSha256, suffix: '/../../evil.sig', bytes: SIG }))).toMatch(/suffix: /);
    expect(await refusal(app.beside({ fileSha256, suffix: '.sig', bytes: new Uint8Array(MAX_BESIDE_BYTES + 1) }))).toMatch(/bytes: a file saved beside an export is at most 16 MiB/);
    expect(await refusal(app.beside({ fileSha256, suffix: '.sig', bytes: SIG, path: 'C:\\Windows' }))).toMatch(/path/);
    expect(await refusal(app.beside({ fileSha256: 'ABC', suffix: '.sig', bytes: SIG }))).toMatch(/fileSha256: /);
    expect(await refusal(app.beside({ fileSha256, suffix: '.sig', bytes: 'text' }))).toMatch(/bytes: /);
    expect(await refusal(app.beside({ fileSha256, suffix: '.sig', bytes: SIG }, eventFrom({ ...MAIN_FRAME, url: 'https://attacker.example/' })))).toMatch(/sender/);
    expect(readdirSync(folder)).toEqual(['chart.pdf']);
    expect(existsSync(join(work, 'evil.sig'))).toBe(false);
  });
});
