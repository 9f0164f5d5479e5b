import type { Language } from '../../shared/model';
import { appMessages } from './catalogue';

interface Catalogue {
  en: Record<string, string>;
  es: Record<string, string>;
}

/** Every feature catalogue, merged. Add one line per feature. */
export const CATALOGUES: Catalogue[] = [appMessages];

export function mergedMessages(language: Language): Record<string, string> {
  return Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue[language]));
}
