import type { Language } from './alert';

/**
 * Text in the reader's language: the Spanish wording where there is one, else the English. The one rule every
 * error, refusal and notice the analyst reads goes by (English is what logs and the CLI print).
 */
export function inLanguage(language: Language, english: string, spanish?: string): string {
  return language === 'es' && typeof spanish === 'string' && spanish !== '' ? spanish : english;
}

/**
 * An error's text in the reader's language: its `messageEs` where it carries one, else its message. Errors that
 * crossed from a worker arrive as plain `{ message, messageEs }` objects and read the same.
 */
export function errorTextIn(language: Language, error: unknown): string {
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    const { message, messageEs } = error as { message: string; messageEs?: unknown };
    return inLanguage(language, message, typeof messageEs === 'string' ? messageEs : undefined);
  }
  return String(error);
}
