import { useState } from 'react';
import { describeRule } from '../../../shared/detect/suppression';
import { TYPOLOGIES } from '../../../shared/detect';
import type { LocalizedText } from '../../../shared/model';
import type { SuppressionRuleRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import { detectionService } from './detectionService';
import { localDateTime } from './localTime';

const NAMES = new Map(TYPOLOGIES.map((typology) => [typology.id, typology.names]));
const nameOf = (id: string): LocalizedText => NAMES.get(id) ?? { es: id, en: id };

/**
 * The suppression rules in force for the case (its own and its profile's),
 * with how many alerts each hides and an undo; undone rules stay listed so
 * the case records what was hidden and when.
 */
export function SuppressionRules({ rules, countsByRule }: { rules: SuppressionRuleRow[]; countsByRule: Record<string, number> }) {
  const { t, language, locale, number } = useI18n();
  const [error, setError] = useState<string | null>(null);
  if (rules.length === 0) return <p className="muted small">{t('alerts.rules.none')}</p>;
  const undo = (id: string) => {
    setError(null);
    detectionService.revokeRule(id).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  };
  return (
    <div className="suppression-rules" data-testid="suppression-rules">
      <ul>
        {rules.map((rule) => {
          const revoked = rule.revokedAt !== undefined;
          return (
            <li key={rule.id} data-testid="suppression-rule" data-rule-id={rule.id} data-revoked={revoked ? 'true' : 'false'} className={revoked ? 'revoked' : ''}>
              <p>
                <strong>{describeRule(rule, nameOf)[language]}</strong>
              </p>
              <p className="small">
                “{rule.note}” · {rule.scope === 'case' ? t('alerts.rules.scopeCase') : t('alerts.rules.scopeProfile')} · {t('alerts.rules.created', { date: localDateTime(rule.createdAt, locale) })}
              </p>
              {revoked ? (
                <p className="muted small" data-testid="rule-revoked">
                  {t('alerts.rules.revoked', { date: localDateTime(rule.revokedAt ?? 0, locale) })}
                </p>
              ) : (
                <p className="small">
                  <span data-testid="rule-count">{t('alerts.rules.covers', { count: number(countsByRule[rule.id] ?? 0) })}</span>{' '}
                  <button type="button" className="link-button" data-testid="rule-undo" onClick={() => undo(rule.id)}>
                    {t('alerts.rules.undo')}
                  </button>
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
