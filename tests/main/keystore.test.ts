import { describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../main/ports';
import { KEYSTORE_MAX_SEALED_HEX, KEYSTORE_MAX_WRAPPED_BASE64 } from '../../shared/ipc';
import { eventFrom, fakeSafeStorage, mainWithHandlers, MAIN_FRAME, refusal } from './fakes';

/**
 * The keystore channels as the main process runs them: the real sender check,
 * zod contract and handlers, with a fake safeStorage (Electron cannot be
 * installed here) whose key lives in the fake, so a second fake is another
 * machine. The renderer side is tested in tests/renderer/db/keystore.test.ts.
 */
const ANA = '3f2b8c1e-0d4a-4e5f-9a7b-1c2d3e4f5a6b';
const LUIS = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const SEALED = 'ab'.repeat(80);

function mainProcess(safeStorage: SafeStorageLike) {
  const app = mainWithHandlers({ safeStorage });
  return {
    wrap: (payload: unknown, event = app.fromApp) => app.invoke('keystore:wrap', event, payload),
    unwrap: (payload: unknown, event = app.fromApp) => app.invoke('keystore:unwrap', event, payload),
    invoke: app.invoke,
  };
}

async function wrapped(app: ReturnType<typeof mainProcess>, analystId = ANA, sealed = SEALED): Promise<string> {
  const answer = (await app.wrap({ analystId, sealed })) as { ok: true; wrapped: string };
  expect(answer.ok).toBe(true);
  return answer.wrapped;
}

describe('keystore:wrap and keystore:unwrap', () => {
  it.each(['sync', 'async'] as const)('wrap then unwrap gives back the passphrase-sealed record (%s safeStorage API)', async (api) => {
    const { safeStorage, calls } = fakeSafeStorage({ api, backend: 'gnome_libsecret' });
    const app = mainProcess(safeStorage);
    const answer = (await app.wrap({ analystId: ANA, sealed: SEALED })) as { ok: true; wrapped: string; backend: string };
    expect(answer).toMatchObject({ ok: true, backend: 'gnome_libsecret' });
    // What is stored holds neither the sealed record nor the analyst id in the clear.
    const raw = Buffer.from(answer.wrapped, 'base64');
    expect(raw.includes(Buffer.from(SEALED))).toBe(false);
    expect(raw.includes(Buffer.from(ANA))).toBe(false);
    await expect(app.unwrap({ analystId: ANA, wrapped: answer.wrapped })).resolves.toEqual({ ok: true, sealed: SEALED });
    expect(calls).toEqual({ encrypt: 1, decrypt: 1 });
  });

  it('hands back a fresh wrapping when the OS rotated its key, and the fresh one opens', async () => {
    const { safeStorage } = fakeSafeStorage({ api: 'async', rotateOnNextDecrypt: true });
    const app = mainProcess(safeStorage);
    const first = await wrapped(app);
    const answer = (await app.unwrap({ analystId: ANA, wrapped: first })) as { ok: true; sealed: string; rewrapped?: string };
    expect(answer.sealed).toBe(SEALED);
    expect(answer.rewrapped).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(answer.rewrapped).not.toBe(first);
    await expect(app.unwrap({ analystId: ANA, wrapped: answer.rewrapped })).resolves.toEqual({ ok: true, sealed: SEALED });
  });
});

describe('the keystore channels refuse an attacker', () => {
  const strangers = {
    'a subframe of the window': { ...MAIN_FRAME, parent: MAIN_FRAME, routingId: 7 },
    'another window': { ...MAIN_FRAME, processId: 9 },
    'the window after navigating to another origin': { ...MAIN_FRAME, url: 'https://attacker.example/' },
    'a look-alike app host': { ...MAIN_FRAME, url: 'app://caudal.evil/index.html' },
  };

  it.each(Object.entries(strangers))('refuses %s without touching safeStorage', async (_name, frame) => {
    const { safeStorage, calls } = fakeSafeStorage();
    const app = mainProcess(safeStorage);
    const good = await wrapped(app);
    calls.encrypt = 0;
    calls.decrypt = 0;
    expect(await refusal(app.wrap({ analystId: ANA, sealed: SEALED }, eventFrom(frame)))).toBe('keystore:wrap: sender: the request did not come from the Caudal window');
    expect(await refusal(app.unwrap({ analystId: ANA, wrapped: good }, eventFrom(frame)))).toBe('keystore:unwrap: sender: the request did not come from the Caudal window');
    expect(await refusal(app.unwrap({ analystId: ANA, wrapped: good }, eventFrom(null)))).toMatch(/sender/);
    expect(calls).toEqual({ encrypt: 0, decrypt: 0 });
  });

  const malformed: [string, unknown, RegExp][] = [
    ['no payload', undefined, /keystore:wrap: payload: /],
    ['a string instead of an object', SEALED, /payload: /],
    ['a missing analyst id', { sealed: SEALED }, /analystId: /],
    ['an extra field', { analystId: ANA, sealed: SEALED, path: 'C:\\Users' }, /path: /],
    ['upper-case or non-hex sealed bytes', { analystId: ANA, sealed: 'ZZ'.repeat(80) }, /sealed: the sealed key record is lowercase hex/],
    ['an odd number of hex digits', { analystId: ANA, sealed: 'abc' }, /sealed: /],
    ['an empty record', { analystId: ANA, sealed: '' }, /sealed: /],
    // A newline in the id would let a page forge the prefix that binds a wrapping to its analyst.
    ['an analyst id with a line break', { analystId: `${ANA}\n${SEALED}`, sealed: SEALED }, /analystId: an analyst id is/],
    ['a number as analyst id', { analystId: 42, sealed: SEALED }, /analystId: /],
    ['bytes instead of hex', { analystId: ANA, sealed: new Uint8Array(80) }, /sealed: /],
  ];

  it.each(malformed)('wrap refuses %s, naming the field, before safeStorage runs', async (_name, payload, message) => {
    const { safeStorage, calls } = fakeSafeStorage();
    const app = mainProcess(safeStorage);
    expect(await refusal(app.wrap(payload))).toMatch(message);
    expect(calls.encrypt).toBe(0);
  });

  it('unwrap refuses malformed and extra arguments', async () => {
    const { safeStorage, calls } = fakeSafeStorage();
    const app = mainProcess(safeStorage);
    expect(await refusal(app.unwrap({ analystId: ANA }))).toMatch(/wrapped: /);
    expect(await refusal(app.unwrap({ analystId: ANA, wrapped: 'not base64!' }))).toMatch(/wrapped: the wrapped key record is base64/);
    expect(await refusal(app.invoke('keystore:unwrap', eventFrom(MAIN_FRAME), { analystId: ANA, wrapped: 'AAAA' }, 'second'))).toMatch(/expected one argument, received 2/);
    expect(calls.decrypt).toBe(0);
  });

  it('refuses oversized payloads before safeStorage sees them', async () => {
    const { safeStorage, calls } = fakeSafeStorage();
    const app = mainProcess(safeStorage);
    expect(await refusal(app.wrap({ analystId: ANA, sealed: 'ab'.repeat(KEYSTORE_MAX_SEALED_HEX / 2 + 1) }))).toMatch(/sealed: Too big/);
    expect(await refusal(app.wrap({ analystId: ANA, sealed: 'ab'.repeat(8 * 1024 * 1024) }))).toMatch(/sealed: Too big/);
    expect(await refusal(app.unwrap({ analystId: ANA, wrapped: 'A'.repeat(KEYSTORE_MAX_WRAPPED_BASE64 + 4) }))).toMatch(/wrapped: Too big/);
    expect(await refusal(app.wrap({ analystId: 'a'.repeat(65), sealed: SEALED }))).toMatch(/analystId: /);
    expect(calls).toEqual({ encrypt: 0, decrypt: 0 });
  });

  it('says so when safeStorage is unavailable, for wrap and for unwrap', async () => {
    const machine = fakeSafeStorage();
    const good = await wrapped(mainProcess(machine.safeStorage));
    for (const api of ['sync', 'async'] as const) {
      const app = mainProcess(fakeSafeStorage({ available: false, api }).safeStorage);
      await expect(app.wrap({ analystId: ANA, sealed: SEALED })).resolves.toEqual({ ok: false, reason: 'unavailable', detail: 'the operating system keystore is not available' });
      await expect(app.unwrap({ analystId: ANA, wrapped: good })).resolves.toMatchObject({ ok: false, reason: 'unavailable' });
    }
    // An availability check that throws is "unavailable" too, not a crash of the main process.
    const throwing: SafeStorageLike = {
      isEncryptionAvailable: () => {
        throw new Error('secret service not running');
      },
    };
    await expect(mainProcess(throwing).wrap({ analystId: ANA, sealed: SEALED })).resolves.toMatchObject({ ok: false, reason: 'unavailable', detail: expect.stringContaining('secret service not running') });
  });

  it('will not wrap under Linux basic_text (a hard-coded password), but still opens what it wrapped before', async () => {
    const strong = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const good = await wrapped(mainProcess(strong.safeStorage));
    const weak = mainProcess({ ...strong.safeStorage, getSelectedStorageBackend: () => 'basic_text' });
    await expect(weak.wrap({ analystId: ANA, sealed: SEALED })).resolves.toMatchObject({ ok: false, reason: 'weak-backend' });
    await expect(weak.unwrap({ analystId: ANA, wrapped: good })).resolves.toEqual({ ok: true, sealed: SEALED });
  });

  it('a wrapping from another machine or user account does not open', async () => {
    const here = mainProcess(fakeSafeStorage().safeStorage);
    const elsewhere = mainProcess(fakeSafeStorage().safeStorage);
    const good = await wrapped(here);
    await expect(elsewhere.unwrap({ analystId: ANA, wrapped: good })).resolves.toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('a wrapping moved onto another analyst is refused', async () => {
    const app = mainProcess(fakeSafeStorage().safeStorage);
    const anas = await wrapped(app, ANA);
    await expect(app.unwrap({ analystId: LUIS, wrapped: anas })).resolves.toEqual({ ok: false, reason: 'other-analyst', detail: 'the wrapped key record belongs to another analyst' });
  });

  it('an edited wrapping does not open', async () => {
    const app = mainProcess(fakeSafeStorage().safeStorage);
    const bytes = Buffer.from(await wrapped(app), 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0x01, bytes.length - 20);
    await expect(app.unwrap({ analystId: ANA, wrapped: bytes.toString('base64') })).resolves.toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('is no decryption oracle for other safeStorage strings of the app', async () => {
    const { safeStorage } = fakeSafeStorage();
    const app = mainProcess(safeStorage);
    // Something else the app (or Chromium) encrypted with the same OS key.
    const other = Buffer.from(safeStorage.encryptString?.('session-cookie-secret') ?? []).toString('base64');
    const answer = await app.unwrap({ analystId: ANA, wrapped: other });
    expect(answer).toEqual({ ok: false, reason: 'undecryptable', detail: 'the wrapped value is not a Caudal key record' });
    expect(JSON.stringify(answer)).not.toContain('session-cookie-secret');
  });
});
