import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { report, twoParty } from '../shared/interop/goaml/helpers';
import { closeSession, createCase, openApp, SCREENSHOT_DIR, type AppSession } from './browser';

/**
 * Hostile non-CSV files in the app (issue 10, round 12): a goAML report that
 * breaks after a batch was written and a password-protected workbook are
 * refused with a message in the analyst's language, and the case keeps
 * exactly what it had.
 */

const STR = resolve(import.meta.dirname, '../fixtures/goaml/str-two-reports.xml');
const scratch = mkdtempSync(join(tmpdir(), 'caudal-hostile-e2e-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 6,000 good transactions (more than one written batch), then a 2 MB comment: refused after ~1 MB of it. */
function hostileGoaml(): string {
  const path = join(scratch, 'ros-hostil.xml');
  writeFileSync(path, report(`${Array.from({ length: 6_000 }, (_, index) => twoParty(`H-${index}`)).join('\n')}\n<!--${'c'.repeat(2 * 1024 * 1024)}-->`));
  return path;
}

/** A UTF-8 statement export with one Latin-1 byte (Ñ as 0xD1) on line 9: read as UTF-8, the line named. */
function mixedStatement(): string {
  const path = join(scratch, 'extracto-mixto.csv');
  const encoder = new TextEncoder();
  const head = 'Banco Ejemplo\nNúmero de cuenta:;0012345678\nTitular:;Importadora del Sur\n\nFecha;Referencia;Descripción;Débito;Crédito;Saldo\n';
  const rows = ['01/02/2026;T0;PAGO;10,00;;99990,00', '02/02/2026;T1;PAGO;10,00;;99980,00', '03/02/2026;T2;PAGO;10,00;;99970,00'].join('\n') + '\n';
  const bad = Uint8Array.from([...encoder.encode('04/02/2026;T3;'), 0xd1, ...encoder.encode('ANDU;10,00;;99960,00\n')]);
  writeFileSync(path, Buffer.concat([encoder.encode(head + rows), bad]));
  return path;
}

/** An OLE compound file holding an EncryptedPackage stream: what Excel writes for a workbook with a password. */
function encryptedWorkbook(): string {
  const path = join(scratch, 'extracto-con-clave.xlsx');
  const bytes = new Uint8Array(8192);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(Uint8Array.from([...'EncryptedPackage'].flatMap((char) => [char.charCodeAt(0), 0])), 2048);
  writeFileSync(path, bytes);
  return path;
}

describe('hostile files that are not CSV, in the app', () => {
  let session: AppSession | undefined;
  afterEach(async () => {
    const ending = session;
    session = undefined;
    await closeSession(ending, { offline: true, pageErrors: true });
  });

  it('refuses them in Spanish and leaves the case exactly as it was', async () => {
    session = await openApp();
    const { page } = session;
    await page.getByTestId('language').selectOption('es');
    await createCase(page, { number: 'UAF-2026-0210', name: 'Archivos hostiles', profile: 'do-uaf' });

    // Evidence already in the case.
    await page.getByTestId('goaml-file').setInputFiles(STR);
    const result = page.getByTestId('goaml-result').last();
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 60_000 }).toBe('committed');
    const transactions = () => page.getByTestId('case-counts').getAttribute('data-transactions').then(Number);
    await expect.poll(transactions).toBe(3);

    // The hostile report: refused, in Spanish, naming file, line and column; nothing of it stored.
    await page.getByTestId('goaml-file').setInputFiles(hostileGoaml());
    await expect.poll(() => page.getByTestId('goaml-result').last().getAttribute('data-status'), { timeout: 120_000 }).toBe('failed');
    const refusal = (await page.getByTestId('goaml-result').last().textContent()) ?? '';
    // The file is named once (the screen's name, then the reason's line and column), not "ros-hostil.xml: ros-hostil.xml, …".
    expect(refusal).toMatch(/ros-hostil\.xml: línea \d+, columna \d+: más de 1\.048\.576 caracteres sin que termine una etiqueta/);
    expect(refusal.split('ros-hostil.xml').length - 1).toBe(1);
    expect(refusal).toContain('se rechaza; no se importó nada');
    expect(await transactions()).toBe(3);

    // A password-protected workbook offered as a statement: the right advice, in Spanish.
    await page.getByTestId('statement-file-input').setInputFiles(encryptedWorkbook());
    const error = page.getByTestId('statement-file-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('extracto-con-clave.xlsx: el libro está protegido con contraseña (cifrado); ábralo en Excel, quite la contraseña');
    expect(await error.textContent()).not.toContain('extracto-con-clave.xlsx: extracto-con-clave.xlsx');
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'hostile-refusals-es.png'), fullPage: true });
    expect(await transactions()).toBe(3);

    // A UTF-8 statement with one stray Latin-1 byte, picked with the locked workbook: the unreadable file holds the batch
    // back until the analyst takes it out; then the statement is imported and the screen names the line to check (as the CLI does).
    await page.getByTestId('statement-file-input').setInputFiles([mixedStatement(), encryptedWorkbook()]);
    await page.locator('[data-testid="statement-file"][data-file="extracto-con-clave.xlsx"] [data-testid="statement-file-error"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="statement-file"][data-file="extracto-mixto.csv"] [data-testid="statement-owner"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('statement-import').isEnabled()).toBe(false);
    await page.locator('[data-testid="statement-file"][data-file="extracto-con-clave.xlsx"]').getByTestId('statement-remove').click();
    expect(await page.getByTestId('statement-file').count()).toBe(1);
    await expect.poll(() => page.getByTestId('statement-import').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('statement-import').click();
    const badBytes = page.getByTestId('statement-bad-bytes');
    await badBytes.waitFor({ timeout: 60_000 });
    expect(await badBytes.getAttribute('data-lines')).toBe('9');
    expect(await badBytes.textContent()).toBe('Hay bytes que no corresponden a la codificación del archivo en la línea 9 (se importaron con �): compare esos nombres con la copia del banco.');
    await expect.poll(transactions).toBe(7);
    await page.getByTestId('statement-results').screenshot({ path: resolve(SCREENSHOT_DIR, 'statement-bad-bytes-es.png') });
  });
});
