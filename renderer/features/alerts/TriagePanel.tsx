import { useState } from 'react';
import type { AlertStatus } from '../../../shared/model';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { localDateTime } from './localTime';
import { addNote, ALLOWED_TRANSITIONS, changeStatus, TriageError, type TriageRecord } from './repository';

interface TriagePanelProps {
  caseId: string;
  alertId: string;
  status: AlertStatus;
  triage: TriageRecord | undefined;
  onChanged(row: TriageRecord): void;
}

/** The analyst's decision on one alert: status moves, a required reason to dismiss, dated notes and the history of moves. */
export function TriagePanel({ caseId, alertId, status, triage, onChanged }: TriagePanelProps) {
  const { t, locale } = useI18n();
  const dateTime = (timestamp: number) => localDateTime(timestamp, locale);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = (work: () => Promise<TriageRecord>, after?: () => void) => {
    setBusy(true);
    setError(null);
    work()
      .then((row) => {
        onChanged(row);
        after?.();
      })
      .catch((reasonForFailure: unknown) => {
        if (reasonForFailure instanceof TriageError && reasonForFailure.code === 'reason_required') setError(t('alerts.triage.reasonRequired'));
        else setError(t('alerts.triage.error', { message: reasonForFailure instanceof Error ? reasonForFailure.message : String(reasonForFailure) }));
      })
      .finally(() => setBusy(false));
  };

  const move = (to: AlertStatus) => {
    if (to === 'dismissed') {
      setDismissing(true);
      return;
    }
    act(() => changeStatus(database(), caseId, alertId, to));
  };

  const confirmDismiss = () => {
    if (!reason.trim()) {
      setError(t('alerts.triage.reasonRequired'));
      return;
    }
    act(
      () => changeStatus(database(), caseId, alertId, 'dismissed', reason),
      () => {
        setDismissing(false);
        setReason('');
      },
    );
  };

  const saveNote = () => act(() => addNote(database(), caseId, alertId, note), () => setNote(''));

  return (
    <section className="triage" data-testid="triage" data-status={status}>
      <h4>{t('alerts.triage.title')}</h4>
      <p className="triage-status">
        <span className={`status-pill status-${status}`} data-testid="triage-status">
          {t(`alerts.status.${status}`)}
        </span>
        {triage && <span className="muted small"> {t('alerts.triage.since', { date: dateTime(triage.updatedAt) })}</span>}
      </p>
      {status === 'dismissed' && triage?.reason && (
        <p className="small" data-testid="triage-current-reason">
          {t('alerts.triage.currentReason', { reason: triage.reason })}
        </p>
      )}
      <div className="triage-actions">
        {ALLOWED_TRANSITIONS[status].map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'escalated' ? 'primary' : to === 'dismissed' ? 'danger' : ''}
            data-testid={`triage-to-${to}`}
            disabled={busy || (to === 'dismissed' && dismissing)}
            onClick={() => move(to)}
          >
            {status === 'dismissed' ? t('alerts.triage.reopen') : status === 'escalated' && to === 'in_review' ? t('alerts.triage.backToReview') : t(`alerts.triage.to.${to}`)}
          </button>
        ))}
      </div>
      {dismissing && (
        <div className="triage-dismiss">
          <label htmlFor={`reason-${alertId}`}>{t('alerts.triage.reason')}</label>
          <textarea
            id={`reason-${alertId}`}
            data-testid="triage-reason"
            rows={2}
            value={reason}
            placeholder={t('alerts.triage.reasonPlaceholder')}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="triage-actions">
            <button type="button" className="danger" data-testid="triage-confirm-dismiss" disabled={busy} onClick={confirmDismiss}>
              {t('alerts.triage.to.dismissed')}
            </button>
            <button
              type="button"
              onClick={() => {
                setDismissing(false);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="triage-error">
          {error}
        </p>
      )}

      <h5>{t('alerts.triage.notes')}</h5>
      {triage && triage.notes.length > 0 ? (
        <ol className="triage-notes" data-testid="triage-notes">
          {triage.notes.map((entry, position) => (
            <li key={`${entry.at}-${position}`} data-testid="triage-note">
              <time className="muted small">{dateTime(entry.at)}</time>
              <p>{entry.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('alerts.triage.noNotes')}</p>
      )}
      <textarea data-testid="triage-note-input" rows={2} value={note} placeholder={t('alerts.triage.notePlaceholder')} onChange={(event) => setNote(event.target.value)} />
      <button type="button" data-testid="triage-add-note" disabled={busy || !note.trim()} onClick={saveNote}>
        {t('alerts.triage.addNote')}
      </button>

      {triage?.history && triage.history.length > 0 && (
        <>
          <h5>{t('alerts.triage.history')}</h5>
          <ol className="triage-history" data-testid="triage-history">
            {triage.history.map((change, position) => (
              <li key={`${change.at}-${position}`} className="small">
                <time className="muted">{dateTime(change.at)}</time> {t(`alerts.status.${change.from}`)} → {t(`alerts.status.${change.to}`)}
                {change.reason ? ` — ${change.reason}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
