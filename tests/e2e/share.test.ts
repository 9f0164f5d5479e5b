import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, closeSessions, openApp, type AppSession } from './browser';
import { confirmPartnerKey, download, openDemo } from './shareSteps';

const PASSPHRASE = 'frase de paso compartida 2026';
const KEY_PASSPHRASE = 'llave de la unidad UIAF 2026';

describe('sharing a case package with a partner unit', () => {
  const sessions: AppSession[] = [];
  afterEach(() => closeSessions(sessions, { offline: true, pageErrors: true }));

  it('exports a passphrase-protected package, and a fresh profile imports it only after the caveat is acknowledged', async () => {
    const files = mkdtempSync(join(tmpdir(), 'caudal-share-'));

    // --- Originating unit: key pair, public card, package. ---
    const origin = await openApp();
    sessions.push(origin);
    const a = origin.page;
    await a.getByTestId('language').selectOption('en');
    await openDemo(a);
    await a.getByTestId('nav-share').click();
    await a.getByTestId('share-tab-keys').click();
    await a.getByTestId('share-own-unit').fill('UIAF Colombia');
    await a.getByTestId('share-own-key-passphrase').fill(KEY_PASSPHRASE);
    await a.getByTestId('share-own-key-passphrase-again').fill(KEY_PASSPHRASE);
    await a.getByTestId('share-generate-keys').click();
    const ownFingerprint = (await a.getByTestId('share-own-fingerprint').locator('code').textContent()) ?? '';
    expect(ownFingerprint).toMatch(/^([0-9A-F]{4} ){9}[0-9A-F]{4}$/);
    const cardPath = await download(a, 'share-export-card', files);
    expect(JSON.parse(readFileSync(cardPath, 'utf8'))).toMatchObject({ format: 'caudal-key-card', unit: 'UIAF Colombia' });

    // The private keys are sealed at rest: after a restart the key must be unlocked before signing.
    await a.reload();
    await a.getByTestId('nav-share').click();
    await a.getByTestId('share-unlock').waitFor();
    await a.getByTestId('share-unlock-passphrase').fill('not the key passphrase');
    await a.getByTestId('share-unlock').locator('button').click();
    await expect.poll(() => a.getByTestId('share-unlock').textContent(), { timeout: 30_000 }).toContain('Wrong key passphrase');
    await a.getByTestId('share-unlock-passphrase').fill(KEY_PASSPHRASE);
    await a.getByTestId('share-unlock').locator('button').click();
    await expect.poll(() => a.getByTestId('share-unlock').count(), { timeout: 30_000 }).toBe(0);

    await a.getByTestId('share-tab-export').click();
    for (const group of ['parties', 'accounts', 'transactions']) await a.getByTestId(`share-mode-${group}-all`).check();
    await expect.poll(() => a.getByTestId('share-selection-summary').textContent(), { timeout: 30_000 }).toMatch(/^[1-9]/);
    await a.getByTestId('share-next').click();
    await a.getByTestId('share-policy-party-name').waitFor();
    expect(await a.getByTestId('share-policy-party-name').inputValue()).toBe('pseudonymise');
    // Policies travel as zod-validated JSON: a file that would keep an account in clear next to its pseudonym is refused.
    const policyPath = await download(a, 'share-policy-export', files);
    const savedPolicy = JSON.parse(readFileSync(policyPath, 'utf8')) as { policy: { fields: Record<string, Record<string, string>> } };
    const mixedPath = join(files, 'mixed.json');
    savedPolicy.policy.fields.account = { id: 'keep' };
    writeFileSync(mixedPath, JSON.stringify(savedPolicy));
    await a.getByTestId('share-policy-file').setInputFiles(mixedPath);
    await expect.poll(() => a.getByTestId('share-policy-notice').textContent(), { timeout: 30_000 }).toContain('Policy file refused');
    await a.getByTestId('share-policy-file').setInputFiles(policyPath);
    await expect.poll(() => a.getByTestId('share-policy-notice').textContent(), { timeout: 30_000 }).toContain('Imported and saved');
    await a.getByTestId('share-next').click();
    await a.getByTestId('share-header-recipientUnit').fill('UAF Panamá');
    await a.getByTestId('share-header-purpose').fill('Análisis de un esquema de ida y vuelta (solicitud UAF-REQ-17)');
    await a.getByTestId('share-header-legalBasis').fill('Principios Egmont; MoU UIAF–UAF 2014');
    await a.getByTestId('share-header-classification').fill('RESERVADO');
    await a.getByTestId('share-header-contact').fill('analista@uiaf.example');
    await a.getByTestId('share-header-reference').fill('UIAF-2026-0042-P1');
    await a.getByTestId('share-next').click();
    await a.getByTestId('share-passphrase').fill(PASSPHRASE);
    await a.getByTestId('share-passphrase-again').fill(PASSPHRASE);
    await a.getByTestId('share-next').click();
    const packagePath = await download(a, 'share-save', files);
    // The file name carries no case number or reference.
    expect(packagePath).toMatch(/package-[0-9a-f]{12}\.caudal$/);
    await a.getByTestId('share-export-done').waitFor();
    // The package holds no raw identifier of the demo case in clear.
    const demoParty = readFileSync(join(import.meta.dirname, '../../assets/demo/parties.csv'), 'utf8').split('\n')[1]?.split(/[;,]/)[1] ?? '';
    expect(demoParty.length).toBeGreaterThan(3);
    expect(readFileSync(packagePath).includes(Buffer.from(demoParty))).toBe(false);

    // --- Recipient unit, fresh profile. ---
    const partner = await openApp();
    sessions.push(partner);
    const b = partner.page;
    await b.getByTestId('language').selectOption('es');
    await openDemo(b);
    await b.getByTestId('nav-share').click();
    await b.getByTestId('share-tab-import').click();
    await b.getByTestId('share-import-file').setInputFiles(packagePath);
    await b.getByTestId('share-import-passphrase').fill(PASSPHRASE);
    await b.getByTestId('share-import-verify').click();
    // Unknown signer: refused, with the fingerprint to compare by phone.
    const refused = b.getByTestId('share-import-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-reason')).toBe('unknown-signer');
    // The detail reads in the session's language, like the reason above it.
    expect(await b.getByTestId('share-import-refused-detail').textContent()).toBe('firmado por «UIAF Colombia», cuya llave no está en su libreta de llaves');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await refused.screenshot({ path: join(SCREENSHOT_DIR, 'share-refused-es.png') });
    expect(await b.getByTestId('share-unknown-fingerprint').textContent()).toBe(ownFingerprint);
    expect(await b.getByTestId('share-caveat').count()).toBe(0);

    await b.getByTestId('share-tab-keys').click();
    await b.getByTestId('share-card-file').setInputFiles(cardPath);
    await b.getByTestId('share-card-imported').waitFor();
    expect(await b.getByTestId('share-card-imported').locator('code').textContent()).toBe(ownFingerprint);

    await b.getByTestId('share-tab-import').click();
    await b.getByTestId('share-import-file').setInputFiles(packagePath);
    await b.getByTestId('share-import-passphrase').fill('una frase equivocada 2026');
    await b.getByTestId('share-import-verify').click();
    await expect.poll(() => b.getByTestId('share-import-refused').getAttribute('data-reason'), { timeout: 30_000 }).toBe('wrong-passphrase');
    expect(await b.getByTestId('share-import-refused-detail').textContent()).toBe('la frase de paso es incorrecta');

    await b.getByTestId('share-import-passphrase').fill(PASSPHRASE);
    await b.getByTestId('share-import-verify').click();
    // Declining the caveat imports nothing. The card is in the key book but its fingerprint was never confirmed: unknown signer.
    await b.getByTestId('share-caveat').waitFor({ timeout: 30_000 });
    expect(await b.getByTestId('share-caveat-signer').getAttribute('data-trust')).toBe('unverified');
    expect(await b.getByTestId('share-caveat-signer').textContent()).toContain('FIRMANTE DESCONOCIDO');
    await b.getByTestId('share-caveat-cancel').click();
    expect(await b.getByTestId('share-caveat').count()).toBe(0);
    await b.getByTestId('nav-cases').click();
    await expect.poll(() => b.getByTestId('case-row').count(), { timeout: 30_000 }).toBe(1);
    await b.getByTestId('nav-share').click();
    // The fingerprint words read over the phone: the key becomes verified, with who and when.
    await confirmPartnerKey(b, 'R. Díaz, UIAF, por teléfono');
    await b.getByTestId('share-tab-import').click();
    await b.getByTestId('share-import-file').setInputFiles(packagePath);
    await b.getByTestId('share-import-passphrase').fill(PASSPHRASE);
    await b.getByTestId('share-import-verify').click();
    // The caveat comes first, full screen, before anything is stored or shown.
    const caveat = b.getByTestId('share-caveat');
    await caveat.waitFor({ timeout: 30_000 });
    expect(await b.getByTestId('share-caveat-text').textContent()).toContain('Prohibida su difusión a terceros');
    expect(await b.getByTestId('share-caveat-signer').textContent()).toContain('Verificado');
    expect(await b.getByTestId('share-imported').count()).toBe(0);
    // Counts as Spanish writes numbers: 4.000 transactions, not 4000.
    expect(await caveat.textContent()).toContain('4.000 transacciones');
    const box = await caveat.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(1400);
    expect(box?.height).toBeGreaterThanOrEqual(880);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await b.screenshot({ path: join(SCREENSHOT_DIR, 'share-caveat.png') });

    await b.getByTestId('share-caveat-acknowledge').click();
    await b.getByTestId('share-imported').waitFor();
    expect(await b.getByTestId('share-caveat').count()).toBe(0);
    await b.getByTestId('share-overlay').click();
    await expect.poll(() => b.getByTestId('share-overlay-active').textContent(), { timeout: 30_000 }).toContain('UIAF Colombia');

    // The partner layer is a read-only case of its own, marked as partner intelligence.
    await b.getByTestId('share-open-partner-case').click();
    await expect.poll(() => b.getByTestId('current-case').textContent(), { timeout: 30_000 }).toContain('UIAF-2026-0042-P1');
    // Every export of the partner case carries the originator's caveat: SVG and annex CSV in text, PNG in a band.
    await b.getByTestId('nav-graph').click();
    await expect.poll(async () => Number(await b.getByTestId('graph-canvas').getAttribute('data-node-count')), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => b.getByTestId('graph-view').getAttribute('data-busy'), { timeout: 120_000 }).toBe('false');
    await b.getByTestId('open-export').click();
    await b.getByTestId('export-caveat').waitFor({ timeout: 30_000 });
    const svgPath = await download(b, 'export-svg-save', files);
    expect(readFileSync(svgPath, 'utf8')).toContain('INTELIGENCIA DE UIAF Colombia');
    await expect.poll(() => b.getByTestId('export-annex-save').isDisabled(), { timeout: 60_000 }).toBe(false);
    const csvPath = await download(b, 'export-annex-save', files);
    expect(readFileSync(csvPath, 'utf8').split('\r\n')[0]).toContain('INTELIGENCIA DE UIAF Colombia');
    const pngPath = await download(b, 'export-png-save', files);
    expect(readFileSync(pngPath).subarray(1, 4).toString('latin1')).toBe('PNG');
    await b.getByTestId('export-close').click();
    await b.getByTestId('nav-share').click();
    await expect.poll(() => b.getByTestId('share-partner-banner').textContent(), { timeout: 30_000 }).toContain('INTELIGENCIA DE UIAF Colombia');
    expect(await b.getByTestId('share-export-partner-case').count()).toBe(1);
    // Every view carries the originator's caveat, and the partner case takes no local imports.
    await expect.poll(() => b.getByTestId('partner-banner').textContent(), { timeout: 30_000 }).toContain('INTELIGENCIA DE UIAF Colombia');
    await b.getByTestId('nav-import').click();
    await b.getByTestId('import-partner-read-only').waitFor();
    expect(await b.getByTestId('partner-banner').count()).toBe(1);
    await b.getByTestId('nav-cases').click();
    await expect.poll(() => b.getByTestId('case-row').count(), { timeout: 30_000 }).toBe(2);
    expect(await b.getByTestId('case-partner-tag').count()).toBe(1);
  });

});
