import type { StatementMapping } from '../../../../shared/import/statement';
import { errorTextIn } from '../../../../shared/model';
import { reasonAfterFile } from '../reasonText';
import { useI18n } from '../../../i18n/I18nProvider';
import { addPattern, removePattern, setOwnerAccount, setPattern, type StatementFileEntry } from './panelState';

/** One statement file before import: what was detected, and the few things the analyst may correct. */
export function StatementFileCard({
  entry,
  disabled,
  onMapping,
  onSheet,
  onPreview,
  onRemove,
}: {
  entry: StatementFileEntry;
  disabled: boolean;
  onMapping(mapping: StatementMapping): void;
  onSheet(sheet: string): void;
  onPreview(): void;
  onRemove(): void;
}) {
  const { t, dateTime, language } = useI18n();
  const inspection = entry.inspection;
  if (!inspection) return <p className="muted">{t('statement.inspecting', { file: entry.name })}</p>;
  const sheetPicker = inspection.sheets && inspection.sheets.length > 0 && (
    <select data-testid="statement-sheet" value={inspection.sheet ?? ''} disabled={disabled} onChange={(event) => onSheet(event.target.value)}>
      {inspection.sheets.map((sheet) => (
        <option key={sheet} value={sheet}>
          {sheet}
        </option>
      ))}
    </select>
  );
  const notStatement = inspection.detection && !inspection.detection.isStatement && inspection.detection.headerIndex < 0;
  if (inspection.error || !inspection.detection || !entry.mapping || notStatement) {
    return (
      <article className="statement-card" data-testid="statement-file" data-file={entry.name}>
        <h3>{entry.name}</h3>
        {sheetPicker && (
          <p>
            {t('statement.sheet')} {sheetPicker}
          </p>
        )}
        <p className="error" role="alert" data-testid="statement-file-error">
          {t('statement.notStatement', { file: entry.name, reason: inspection.error ? reasonAfterFile(entry.name, errorTextIn(language, inspection.error)) : t('statement.noTable') })}
        </p>
        <button type="button" data-testid="statement-remove" disabled={disabled} onClick={onRemove}>
          {t('statement.remove')}
        </button>
      </article>
    );
  }
  const mapping = entry.mapping;
  const title = inspection.detection.title;
  const direction = mapping.direction;
  const ownerValue = mapping.owner.from === 'typed' ? mapping.owner.account : mapping.owner.from === 'title' ? (title.account?.value ?? '') : mapping.owner.column;
  return (
    <article className="statement-card" data-testid="statement-file" data-file={entry.name}>
      <h3>{entry.name}</h3>
      <dl className="statement-facts">
        {inspection.sheets && inspection.sheets.length > 0 && (
          <>
            <dt>{t('statement.sheet')}</dt>
            <dd>{sheetPicker}</dd>
          </>
        )}
        <dt>{t('statement.account')}</dt>
        <dd>
          <input data-testid="statement-owner" value={ownerValue} disabled={disabled || mapping.owner.from === 'column'} onChange={(event) => onMapping(setOwnerAccount(mapping, event.target.value, title.account?.value))} />{' '}
          <span className="muted small">
            {mapping.owner.from === 'title' && title.account ? t('statement.accountFromTitle', { label: title.account.label, line: title.account.line }) : mapping.owner.from === 'typed' ? t('statement.accountTyped') : mapping.owner.from === 'column' ? mapping.owner.column : ''}
          </span>
          {entry.mappingError === 'owner' && <span className="error small"> {t('statement.accountMissing')}</span>}
        </dd>
        {title.holder && (
          <>
            <dt>{t('statement.holder')}</dt>
            <dd data-testid="statement-holder">{title.holder.value}</dd>
          </>
        )}
        {title.period && (
          <>
            <dt>{t('statement.period')}</dt>
            <dd>{title.period.from !== undefined && title.period.to !== undefined ? `${dateTime(title.period.from).slice(0, 10)} – ${dateTime(title.period.to).slice(0, 10)}` : title.period.text}</dd>
          </>
        )}
        <dt>{t('statement.direction')}</dt>
        <dd data-testid="statement-direction">
          {direction.convention === 'columns'
            ? t('statement.direction.columns', { debit: direction.debit, credit: direction.credit })
            : direction.convention === 'signed'
              ? t('statement.direction.signed', { amount: direction.amount, negative: t(`statement.${direction.negativeIs}`) })
              : t('statement.direction.indicator', { amount: direction.amount, indicator: direction.indicator, debitValues: direction.debitValues.join(', '), creditValues: direction.creditValues.join(', ') })}
        </dd>
        <dt>{t('statement.balance')}</dt>
        <dd>{mapping.columns.balance ?? t('statement.balance.none')}</dd>
        <dt>{t('statement.dateOrder')}</dt>
        <dd>
          <select data-testid="statement-date-order" value={mapping.dateOrder} disabled={disabled} onChange={(event) => onMapping({ ...mapping, dateOrder: event.target.value as StatementMapping['dateOrder'] })}>
            <option value="auto">{t('statement.dateOrder.auto')}</option>
            <option value="DMY">DD/MM/AAAA</option>
            <option value="MDY">MM/DD/AAAA</option>
            <option value="YMD">AAAA-MM-DD</option>
          </select>
        </dd>
      </dl>
      <fieldset className="statement-patterns" disabled={disabled}>
        <legend>{t('statement.patterns')}</legend>
        {mapping.patterns.length === 0 && <p className="muted small">{t('statement.patterns.none')}</p>}
        {mapping.patterns.map((pattern, index) => {
          const preview = inspection.patterns[index];
          return (
            <div key={index} className="statement-pattern" data-testid="statement-pattern">
              <input aria-label="label" value={pattern.label} onChange={(event) => onMapping(setPattern(mapping, index, { ...pattern, label: event.target.value }))} />
              <input aria-label="pattern" className="pattern-source" value={pattern.pattern} onChange={(event) => onMapping(setPattern(mapping, index, { ...pattern, pattern: event.target.value }))} />
              <button type="button" onClick={() => onMapping(removePattern(mapping, index))}>
                {t('statement.patterns.remove')}
              </button>
              {preview && preview.label === pattern.label && (
                <div className="small muted" data-testid="statement-pattern-preview">
                  {preview.error ? t('statement.patterns.error', { error: preview.error }) : t('statement.patterns.matched', { count: preview.matched })}
                  <ul>
                    {preview.examples.map((example) => (
                      <li key={example.line}>
                        {example.description} → {example.account ?? '—'} {example.name ? `· ${example.name}` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          );
        })}
        <button type="button" onClick={() => onMapping(addPattern(mapping))}>
          {t('statement.patterns.add')}
        </button>{' '}
        <button type="button" data-testid="statement-pattern-preview-button" onClick={onPreview}>
          {t('statement.patterns.preview')}
        </button>
      </fieldset>
      {entry.mappingError && entry.mappingError !== 'owner' && (
        <p className="error small" role="alert">
          {t('statement.mappingError', { error: entry.mappingError })}
        </p>
      )}
    </article>
  );
}
