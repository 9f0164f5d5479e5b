import type { LocalizedText } from '../model';

/**
 * An error of the exchange with a partner unit (a match request or reply, a
 * public key card, the unit's own key) that the analyst reads: worded here in
 * English (`message`, as logs and the CLI read it) and Spanish (`messageEs`),
 * as PackageRefusal words a refused package. `errorTextIn` (shared/model) picks the reader's.
 */
export class ExchangeError extends Error {
  readonly messageEs: string;

  constructor(text: LocalizedText) {
    super(text.en);
    this.name = 'ExchangeError';
    this.messageEs = text.es;
  }
}
