import type { Language, LocalizedText } from '../model';

/**
 * An error of the exchange with a partner unit (a match request or reply, a
 * public key card, the unit's own key) that the analyst reads: worded here in
 * English (`message`, as logs and the CLI read it) and Spanish (`messageEs`),
 * as PackageRefusal words a refused package.
 */
export class ExchangeError extends Error {
  readonly messageEs: string;

  constructor(text: LocalizedText) {
    super(text.en);
    this.name = 'ExchangeError';
    this.messageEs = text.es;
  }
}

/** An error's text in the reader's language: its Spanish wording where it carries one, else its message. */
export function errorTextIn(language: Language, error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const spanish = (error as { messageEs?: unknown }).messageEs;
  return language === 'es' && typeof spanish === 'string' && spanish !== '' ? spanish : error.message;
}
