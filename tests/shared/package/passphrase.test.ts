import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_GUESSES_LOG10, assertStrongPassphrase, buildPackage, defaultPolicy, generateUnitKeyPair, passphraseStrength, protectKeyPair, psiContent } from '../../../shared/package';
import { HEADER, NOW } from './fixtures';

describe('passphrase strength', () => {
  it('refuses passphrases that are long enough but guessable, and accepts unrelated words', async () => {
    for (const weak of ['Colombia2026!!!', 'contraseña123456', 'aaaaaaaaaaaaaaaa', 'qwertyuiop123456']) {
      const strength = await passphraseStrength(weak);
      expect(strength.acceptable, weak).toBe(false);
      await expect(assertStrongPassphrase(weak, 'passphrase')).rejects.toThrow(/too easy to guess/);
    }
    const strong = await passphraseStrength('frase de paso compartida 2026');
    expect(strong).toMatchObject({ acceptable: true, score: 4 });
    expect(strong.guessesLog10).toBeGreaterThanOrEqual(MIN_PASSPHRASE_GUESSES_LOG10);
  });

  it('is enforced by the engine for package and key passphrases, not only by the wizard', async () => {
    const sender = generateUnitKeyPair('UIAF Colombia', NOW);
    const request = { kind: 'psi-request' as const, version: 1 as const, exchangeId: '00'.repeat(16), elements: ['e2'.repeat(32)] };
    await expect(buildPackage({ header: HEADER, content: psiContent(request), policy: defaultPolicy(), sender, passphrase: 'Colombia2026!!!' })).rejects.toThrow(/too easy to guess/);
    await expect(protectKeyPair(sender, 'UIAF Colombia 2026')).rejects.toThrow(/too easy to guess/);
  });
});
