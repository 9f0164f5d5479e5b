import type { MatchSummary } from '../../../../shared/import/statement';
import { errorTextIn } from '../../../../shared/model';
import { reasonAfterFile } from '../reasonText';
import { useI18n } from '../../../i18n/I18nProvider';
import { QuarantineTable } from '../QuarantineTable';
import type { StatementFileResult } from './statementProtocol';

/** After the import: each statement's counts and completeness (every balance break with the lines around it), and the case's pairing of both sides. */
export function StatementResults({ results, matching }: { results: readonly StatementFileResult[]; matching: MatchSummary | undefined }) {
  const { t, number, language } = useI18n();
  const money = (value: number | undefined) => (value === undefined ? '—' : number(value, 2));
  return (
    <div data-testid="statement-results">
      {results.map((result) => (
        <div key={result.name} className="statement-result" data-testid="statement-result" data-status={result.status} data-complete={result.summary ? String(result.summary.reconciliation.complete) : ''}>
          {result.status === 'imported' && result.summary ? (
            <>
              <p>
                {t('statement.result.imported', {
                  file: result.name,
                  account: result.summary.ownerAccount,
                  movements: number(result.summary.counts.read),
                  debits: number(result.summary.counts.debits),
                  credits: number(result.summary.counts.credits),
                  quarantined: number(result.summary.counts.quarantined),
                })}
              </p>
              {!result.summary.reconciliation.checked ? (
                <p className="muted">{t('statement.unchecked')}</p>
              ) : result.summary.reconciliation.complete ? (
                <p className="ok" data-testid="statement-complete">
                  {t('statement.complete', { opening: money(result.summary.reconciliation.openingBalance), closing: money(result.summary.reconciliation.closingBalance) })}
                </p>
              ) : (
                <div className="error" data-testid="statement-incomplete">
                  <strong>{t('statement.incomplete', { count: result.summary.reconciliation.breaks.length })}</strong>
                  <ul>
                    {result.summary.reconciliation.breaks.map((tear) => (
                      <li key={tear.line} data-testid="statement-break" data-line={tear.line} data-gap={tear.gap}>
                        {t('statement.break', { line: tear.line, found: money(tear.found), previous: tear.previousLine, expected: money(tear.expected), gap: money(tear.gap) })}
                        <ul className="small">
                          {tear.context.map((row) => (
                            <li key={row.line} className={row.line === tear.line ? 'strong' : undefined}>
                              {t('statement.break.context', { line: row.line, amount: money(row.signedAmount), balance: money(row.balance) })}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                    {result.summary.reconciliation.titleOpeningGap !== undefined && <li>{t('statement.titleGap', { which: t('statement.titleGap.opening'), gap: money(result.summary.reconciliation.titleOpeningGap) })}</li>}
                    {result.summary.reconciliation.titleClosingGap !== undefined && <li>{t('statement.titleGap', { which: t('statement.titleGap.closing'), gap: money(result.summary.reconciliation.titleClosingGap) })}</li>}
                  </ul>
                </div>
              )}
              {result.summary.badlyDecodedLines && (
                <p className="warn" data-testid="statement-bad-bytes" data-lines={result.summary.badlyDecodedLines.join(',')}>
                  {t('statement.badBytes', { count: result.summary.badlyDecodedLines.length, lines: result.summary.badlyDecodedLines.join(', ') })}
                </p>
              )}
              {result.quarantine && result.quarantine.length > 0 && <QuarantineTable entries={result.quarantine} />}
            </>
          ) : result.status === 'already-imported' ? (
            <p className="muted">{t('statement.result.already', { file: result.name })}</p>
          ) : result.status === 'cancelled' ? (
            <p className="muted">{t('statement.result.cancelled', { file: result.name })}</p>
          ) : (
            <p className="error" role="alert">
              {t('statement.result.failed', { file: result.name, reason: result.error ? reasonAfterFile(result.name, errorTextIn(language, result.error)) : '' })}
            </p>
          )}
        </div>
      ))}
      {matching && (
        <p data-testid="statement-matching" data-merged={matching.merged} data-unmatched={matching.unmatchedDebits + matching.unmatchedCredits}>
          {t('statement.matching', {
            merged: number(matching.merged),
            byReference: number(matching.byReference),
            byAccounts: number(matching.byAccounts),
            ambiguous: number(matching.ambiguous),
            unmatchedDebits: number(matching.unmatchedDebits),
            unmatchedCredits: number(matching.unmatchedCredits),
          })}
        </p>
      )}
    </div>
  );
}
