/**
 * What the benchmarks need from issue 12: get past the lock screen (enrol a
 * bench analyst on a fresh profile, unlock on a reload) and switch sealing
 * at rest off for a side-by-side baseline (CAUDAL_BENCH_SEALING=off).
 */
import type { Page } from 'playwright-core';

const BENCH_ANALYST = { name: 'Bench analyst', passphrase: 'bench passphrase 2026' };

export async function benchUnlock(page: Page): Promise<void> {
  await page.locator('[data-testid="lock-screen"], [data-testid="custody-bar"]').first().waitFor({ timeout: 60_000 });
  if ((await page.getByTestId('custody-bar').count()) > 0) return;
  if ((await page.getByTestId('lock-enroll').count()) > 0) {
    await page.getByTestId('lock-enroll-name').fill(BENCH_ANALYST.name);
    await page.getByTestId('lock-enroll-passphrase').fill(BENCH_ANALYST.passphrase);
    await page.getByTestId('lock-enroll-confirm').fill(BENCH_ANALYST.passphrase);
    await page.getByTestId('lock-enroll-submit').click();
  } else {
    await page.getByTestId('lock-passphrase').fill(BENCH_ANALYST.passphrase);
    await page.getByTestId('lock-unlock').click();
  }
  await page.getByTestId('custody-bar').waitFor({ timeout: 60_000 });
}

/** An init script for the browser context: sealing on (default) or off, from CAUDAL_BENCH_SEALING. */
export function sealingInitScript(): string {
  const off = process.env.CAUDAL_BENCH_SEALING === 'off';
  console.log(`  sealing at rest: ${off ? 'OFF (baseline)' : 'on'}`);
  return off ? "localStorage.setItem('caudal.bench.sealing', 'off')" : "localStorage.removeItem('caudal.bench.sealing')";
}
