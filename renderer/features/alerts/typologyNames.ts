import { TYPOLOGIES } from '../../../shared/detect';
import type { Language } from '../../../shared/model';

const BY_ID = new Map(TYPOLOGIES.map((typology) => [typology.id, typology]));

/** A typology's name in the UI language; an id the detectors no longer know shows as itself. */
export function typologyName(id: string, language: Language): string {
  return BY_ID.get(id)?.names[language] ?? id;
}

export function typologyDescription(id: string, language: Language): string {
  return BY_ID.get(id)?.description[language] ?? '';
}
