import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, closeSessions, openApp, type AppSession } from './browser';
import { confirmPartnerKey, download, openDemo } from './shareSteps';

/** Two parties the requesting unit holds and the partner does not (imported on top of the demo case). */
const OWN_ONLY = `id,name,kind,id_type,id_number,nationality,birth_date,pep
CC:80111222,Persona Ajena Uno,person,CC,80111222,CO,1970-01-01,false
CC:80333444,Persona Ajena Dos,person,CC,80333444,CO,1971-02-02,false
`;

/** A fresh profile with the demo case and its own unit key; returns the path of its public card. */
async function unit(page: Page, name: string, files: string): Promise<string> {
  await page.getByTestId('language').selectOption('en');
  await openDemo(page);
  await page.getByTestId('nav-share').click();
  await page.getByTestId('share-tab-keys').click();
  await page.getByTestId('share-own-unit').fill(name);
  await page.getByTestId('share-own-key-passphrase').fill(`${name} key passphrase 2026`);
  await page.getByTestId('share-own-key-passphrase-again').fill(`${name} key passphrase 2026`);
  await page.getByTestId('share-generate-keys').click();
  await page.getByTestId('share-own-fingerprint').waitFor();
  return download(page, 'share-export-card', files);
}

async function importAndConfirm(page: Page, cardPath: string, confirmedWith: string) {
  await page.getByTestId('share-tab-keys').click();
  await page.getByTestId('share-card-file').setInputFiles(cardPath);
  await page.getByTestId('share-card-imported').waitFor();
  await page.getByTestId('share-key-unverified').waitFor();
  await confirmPartnerKey(page, confirmedWith);
}

async function pickSubjects(page: Page, filter: string) {
  await page.getByTestId('share-match-filter').fill(filter);
  await page.getByTestId('share-match-pick-visible').click();
}

describe('private matching between two partner units', () => {
  const sessions: AppSession[] = [];
  afterEach(() => closeSessions(sessions, { offline: true, pageErrors: true }));

  it('verifies fingerprints, exchanges a match request and its reply between two fresh profiles, and shows the requester only the overlap', async () => {
    const files = mkdtempSync(join(tmpdir(), 'caudal-psi-'));
    const colombiaSession = await openApp();
    sessions.push(colombiaSession);
    const panamaSession = await openApp();
    sessions.push(panamaSession);
    const colombia = colombiaSession.page;
    const panama = panamaSession.page;
    const colombiaCard = await unit(colombia, 'UIAF Colombia', files);
    const panamaCard = await unit(panama, 'UAF Panama', files);

    // Colombia holds two people Panama has never seen.
    const extract = join(files, 'own-only.csv');
    writeFileSync(extract, OWN_ONLY, 'utf8');
    await colombia.getByTestId('nav-import').click();
    await colombia.getByTestId('import-kind').selectOption('party');
    await colombia.getByTestId('import-file').setInputFiles(extract);
    await colombia.getByTestId('mapping-editor').waitFor();
    await colombia.getByTestId('mapping-saved').selectOption('Registro — personas y empresas');
    await colombia.getByTestId('import-run').click();
    await colombia.getByTestId('import-committed').waitFor({ timeout: 60_000 });

    // Each unit imports the other's card: unverified, offered with a warning until the words are confirmed.
    await colombia.getByTestId('nav-share').click();
    await colombia.getByTestId('share-tab-keys').click();
    await colombia.getByTestId('share-card-file').setInputFiles(panamaCard);
    await colombia.getByTestId('share-card-imported').waitFor();
    await colombia.getByTestId('share-tab-match').click();
    await colombia.getByTestId('share-match-partner').selectOption({ index: 1 });
    expect(await colombia.getByTestId('share-match-partner').locator('option').nth(1).textContent()).toContain('UNVERIFIED');
    await colombia.getByTestId('share-match-unverified-warning').waitFor();
    // Importing the same card again changes nothing; then the words are confirmed.
    await importAndConfirm(colombia, panamaCard, 'R. Díaz, UAF Panama, by phone');
    await panama.getByTestId('nav-share').click();
    await importAndConfirm(panama, colombiaCard, 'L. Gómez, UIAF, by phone');

    // --- Colombia: an explicit selection of four subjects, two of them unknown to Panama. ---
    await colombia.getByTestId('share-tab-match').click();
    await colombia.getByTestId('share-match-partner').selectOption({ index: 1 });
    expect(await colombia.getByTestId('share-match-unverified-warning').count()).toBe(0);
    await pickSubjects(colombia, 'Ajena');
    await pickSubjects(colombia, '(CC:39439567)');
    await pickSubjects(colombia, '(CEDULA:07183631519)');
    await expect.poll(() => colombia.getByTestId('share-match-count').textContent()).toMatch(/^4 subjects selected · 8 identifiers/);
    await colombia.getByTestId('share-match-purpose').fill('Round-tripping scheme, request UAF-REQ-17');
    await colombia.getByTestId('share-match-legal-basis').fill('Egmont Principles; MoU UIAF–UAF 2014');
    const requestPath = await download(colombia, 'share-match-save-request', files);
    expect(requestPath).toMatch(/match-request-[0-9a-f]{8}\.caudal$/);
    // Nothing of the subjects in the file: no name, no number.
    const requestBytes = readFileSync(requestPath);
    for (const needle of ['80111222', 'Ajena', '39439567', 'Brayan']) expect(requestBytes.includes(Buffer.from(needle))).toBe(false);

    // --- Panama: sees who asks and why, caps the size, answers from its demo case. ---
    await panama.getByTestId('share-tab-match').click();
    await panama.getByTestId('share-match-file').setInputFiles(requestPath);
    await panama.getByTestId('share-match-request').waitFor({ timeout: 60_000 });
    expect(await panama.getByTestId('share-match-signer').getAttribute('data-trust')).toBe('verified');
    expect(await panama.getByTestId('share-match-request-purpose').textContent()).toBe('Round-tripping scheme, request UAF-REQ-17');
    expect(await panama.getByTestId('share-match-request-size').textContent()).toBe('8');
    await panama.getByTestId('share-match-cap').fill('5');
    expect(await panama.getByTestId('share-match-answer').isDisabled()).toBe(true);
    await panama.getByTestId('share-match-cap').fill('100');
    const replyPath = await download(panama, 'share-match-answer', files);
    expect(replyPath).toMatch(/match-reply-[0-9a-f]{8}\.caudal$/);

    // --- Colombia: only the two shared subjects, on ID and on name with birth date. ---
    await colombia.getByTestId('share-match-file').setInputFiles(replyPath);
    await colombia.getByTestId('share-match-result').waitFor({ timeout: 60_000 });
    expect(await colombia.getByTestId('share-match-signer').getAttribute('data-trust')).toBe('verified');
    const rows = await colombia.getByTestId('share-match-row').allTextContents();
    // One row per subject, naming everything the partner also holds for it.
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.includes('Brayan Arango Moreno'))).toContain('ID number · Name and date of birth');
    expect(rows.find((row) => row.includes('Jhon Jairo Rosario Cabrera'))).toContain('ID number · Name and date of birth');
    expect(rows.some((row) => row.includes('Ajena'))).toBe(false);
    expect(await colombia.getByTestId('share-match-summary').textContent()).toMatch(/^4 of the 8 identifiers you sent are also held by UAF Panama .*\. 2 of your subjects are on their side:$/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await colombia.screenshot({ path: join(SCREENSHOT_DIR, 'share-match-overlap.png'), fullPage: true });

    // The reply is bound to this exchange: opening it again on Panama's side (not the requester) is refused.
    await panama.getByTestId('share-match-file').setInputFiles(replyPath);
    await expect.poll(() => panama.getByTestId('share-match-error').getAttribute('data-reason'), { timeout: 30_000 }).toBe('not-a-recipient');
    expect(await panama.getByTestId('share-match-error').textContent()).toContain('this package is addressed to 1 other key, not to your key');
    // The refusal on screen follows the session's language when it changes.
    await panama.getByTestId('language').selectOption('es');
    await expect.poll(() => panama.getByTestId('share-match-error').textContent(), { timeout: 30_000 }).toContain('este paquete está dirigido a otra llave, no a su llave');
  });
});
