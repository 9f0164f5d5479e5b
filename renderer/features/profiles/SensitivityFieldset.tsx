import {
  SENSITIVITIES,
  SENSITIVITY_DESCRIPTIONS,
  SENSITIVITY_NAMES,
  SENSITIVITY_PARAMETER_LABELS,
  sensitivityParameters,
  type Sensitivity,
  type SensitivityParameters,
} from '../../../shared/detect/sensitivity';
import { chanceOdds } from '../../../shared/detect/relative/odds';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * The unit's sensitivity: conservative, balanced or exhaustive, each shown
 * with the exact parameter set it stands for, so "exhaustive" is never a
 * hidden multiplier the analyst has to take on trust.
 */
export function SensitivityFieldset({ value, readOnly, onChange }: { value: Sensitivity; readOnly: boolean; onChange(value: Sensitivity): void }) {
  const { t, language, number } = useI18n();
  const parameters = sensitivityParameters(value);
  const keys = Object.keys(parameters) as (keyof SensitivityParameters)[];
  // The minimum score is odds by chance (docs/DETECTION.md): say which.
  const odds = chanceOdds(parameters.minScore);
  return (
    <fieldset disabled={readOnly} data-testid="profile-sensitivity">
      <legend>{t('profiles.section.sensitivity')}</legend>
      <p className="muted small">{t('profiles.sensitivity.intro')}</p>
      <div className="sensitivity-choices" role="radiogroup">
        {SENSITIVITIES.map((level) => (
          <label key={level} className={`sensitivity-choice${level === value ? ' chosen' : ''}`}>
            <input type="radio" name="profile-sensitivity" value={level} checked={level === value} data-testid={`sensitivity-${level}`} onChange={() => onChange(level)} />
            <strong>{SENSITIVITY_NAMES[level][language]}</strong>
            <span className="small">{SENSITIVITY_DESCRIPTIONS[level][language]}</span>
          </label>
        ))}
      </div>
      <table className="sensitivity-parameters small" data-testid="sensitivity-parameters">
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">{SENSITIVITY_PARAMETER_LABELS[key][language]}</th>
              <td className="mono">{number(parameters[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {odds && (
        <p className="muted small" data-testid="sensitivity-min-score-odds">
          {odds.kind === 'expected'
            ? t('profiles.sensitivity.minScoreExpected', { score: number(parameters.minScore), patterns: number(odds.patterns, 1) })
            : t('profiles.sensitivity.minScoreOneIn', { score: number(parameters.minScore), cases: number(odds.cases) })}
        </p>
      )}
    </fieldset>
  );
}
