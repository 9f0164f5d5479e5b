/**
 * Passphrase strength, estimated the way crackers guess (zxcvbn: dictionaries
 * of common passwords, names and words in English and Spanish, keyboard
 * patterns, dates, l33t), with a floor the engine enforces. Length alone let
 * "Colombia2026!!!" through; its estimate is 10^8 guesses — minutes on one
 * GPU even behind 600,000 PBKDF2 iterations.
 */

/** log10 of the guesses a passphrase must need: 10^14 ≈ 1.5 years for a GPU at 2·10^6 PBKDF2-600k guesses/s. */
export const MIN_PASSPHRASE_GUESSES_LOG10 = 14;
export const MIN_PASSPHRASE_LENGTH = 12;

export interface PassphraseStrength {
  /** zxcvbn score 0–4. */
  score: number;
  guessesLog10: number;
  acceptable: boolean;
  /** zxcvbn's warning, in Spanish (the dictionaries' translations), or null. */
  warning: string | null;
}

type Checker = (passphrase: string, userInputs: string[]) => { score: number; guessesLog10: number; feedback: { warning: string | null } };
let checker: Promise<Checker> | null = null;

/** The estimator is built once, on first use (its dictionaries take a second or two to unpack). */
function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, spanish] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-es-es')]);
    const factory = new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...spanish.dictionary }, graphs: common.adjacencyGraphs, translations: spanish.translations });
    return (passphrase: string, userInputs: string[]) => factory.check(passphrase, userInputs);
  })();
  return checker;
}

/** `context`: words the passphrase must not lean on (unit names, case number…), counted as known to the attacker. */
export async function passphraseStrength(passphrase: string, context: readonly string[] = []): Promise<PassphraseStrength> {
  const check = await loadChecker();
  // zxcvbn's matching is quadratic in length; beyond 100 characters the estimate no longer matters.
  const result = check(passphrase.slice(0, 100), context.flatMap((entry) => entry.split(/\s+/)).filter((word) => word.length > 2));
  const acceptable = passphrase.length >= MIN_PASSPHRASE_LENGTH && result.guessesLog10 >= MIN_PASSPHRASE_GUESSES_LOG10;
  return { score: result.score, guessesLog10: result.guessesLog10, acceptable, warning: result.feedback.warning };
}

export async function assertStrongPassphrase(passphrase: string, what: string, context: readonly string[] = []): Promise<void> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`the ${what} must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
  const strength = await passphraseStrength(passphrase, context);
  if (!strength.acceptable) {
    throw new Error(`the ${what} is too easy to guess (about 10^${Math.floor(strength.guessesLog10)} guesses; at least 10^${MIN_PASSPHRASE_GUESSES_LOG10} needed): use four or more unrelated words`);
  }
}
