import { TYPOLOGIES } from '../../../shared/detect';
import type { Language } from '../../../shared/model';

/**
 * Puts the form's own label in front of a validation issue
 * ("Umbral de efectivo (cashThreshold.amount: expected a positive number)"),
 * so the analyst finds the field on screen and the path still matches the JSON file.
 */
export function labelIssue(issue: string, t: (key: string) => string, language: Language): string {
  const path = issue.split(':')[0] ?? '';
  const [head, second] = path.split('.');
  let label: string;
  if (head === 'typologyParams' && second) {
    const typology = TYPOLOGIES.find((candidate) => candidate.id === second);
    label = `${t('profiles.field.typologyParams')} — ${typology?.names[language] ?? second}`;
  } else {
    const key = `profiles.field.${head ?? ''}`;
    const translated = t(key);
    label = translated === key ? '' : translated;
  }
  return label ? `${label} (${issue})` : issue;
}
