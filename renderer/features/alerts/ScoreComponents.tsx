import { NETWORK_SHAPES } from '../../../shared/detect/registry';
import { chanceOdds } from '../../../shared/detect/relative/odds';
import type { Alert, LocalizedText } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';
import { typologyName } from './typologyNames';

interface ScoreComponent {
  id: string;
  label: LocalizedText;
  value: number;
}

/** Alerts from runs before scores were explained carry no components; they simply show none. */
function componentsOf(alert: Alert): ScoreComponent[] {
  const components = (alert as Alert & { scoreComponents?: ScoreComponent[] }).scoreComponents;
  return Array.isArray(components) ? components : [];
}

function shapesOf(alert: Alert): string[] {
  const shapes = (alert as Alert & { shapes?: string[] }).shapes;
  return Array.isArray(shapes) ? shapes : [];
}

/** A component's points with their sign: the discount for chance takes points off ("−2"), evidence adds them ("+30"). */
export function signedPoints(value: number): string {
  const points = Math.round(value);
  return points < 0 ? `−${-points}` : `+${points}`;
}

/**
 * What the score is made of, in the analyst's language ("12× its usual number
 * of senders: +30"), and every shape a merged scheme alert showed: the
 * number at the top is only as good as the reasons under it.
 */
export function ScoreComponents({ alert }: { alert: Alert }) {
  const { t, language, number } = useI18n();
  const components = componentsOf(alert);
  // A network shape's score is nothing but its odds by chance (docs/DETECTION.md): say them in words.
  const odds = NETWORK_SHAPES.has(alert.typology) && components.length > 0 ? chanceOdds(alert.score) : null;
  const shapes = shapesOf(alert);
  if (components.length === 0 && shapes.length < 2) return null;
  return (
    <div className="score-breakdown" data-testid="score-components">
      {shapes.length > 1 && (
        <p className="small" data-testid="alert-shapes">
          <strong>{t('alerts.detail.shapes')}</strong> {shapes.map((id) => typologyName(id, language)).join(' · ')}
        </p>
      )}
      {components.length > 0 && (
        <>
          <p className="small">
            <strong>{t('alerts.detail.scoreParts')}</strong>
          </p>
          <ul className="score-components">
            {components.map((component) => (
              <li key={component.id} data-testid="score-component">
                <span className="component-value">{signedPoints(component.value)}</span>
                {component.label[language]}
              </li>
            ))}
          </ul>
          {odds && (
            <p className="small muted" data-testid="score-odds">
              {odds.kind === 'expected' ? t('alerts.detail.oddsExpected', { patterns: number(odds.patterns, 1) }) : t('alerts.detail.oddsOneIn', { cases: number(odds.cases) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
