import { useEffect, useMemo, useState } from 'react';
import type { Alert, Provenance } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTotals, formatWindow } from './AlertList';
import { evidenceOf } from './evidence';
import { EvidenceTable } from './EvidenceTable';
import { sourceFileNames } from '../../db/dataset';
import { DEFAULT_STATUS, type TriageRecord } from './repository';
import { ScoreComponents } from './ScoreComponents';
import { SuppressionRuleForm } from './SuppressionRuleForm';
import { TriagePanel } from './TriagePanel';
import { typologyDescription, typologyName } from './typologyNames';

const COMPACT_LIST_SIZE = 6;

/** The first few entries and a count of the rest: a fan-in over 80 accounts must not push the evidence off screen. */
function CompactList({ items, mono = false }: { items: string[]; mono?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = open ? items : items.slice(0, COMPACT_LIST_SIZE);
  return (
    <span className={`compact-list${mono ? ' mono' : ''}`}>
      {shown.join(', ')}
      {items.length > COMPACT_LIST_SIZE && (
        <>
          {' '}
          <button type="button" className="link-button inline" onClick={() => setOpen(!open)}>
            {open ? t('alerts.detail.less') : t('alerts.detail.more', { count: items.length - COMPACT_LIST_SIZE })}
          </button>
        </>
      )}
    </span>
  );
}

export function AlertDetail({ alert, suppressed = false, triage, onTriageChanged }: { alert: Alert; suppressed?: boolean; triage: TriageRecord | undefined; onTriageChanged(row: TriageRecord): void }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { caseRow, dataset, selectAlert, setView } = useWorkspace();
  const [fileNames, setFileNames] = useState<Map<string, string>>(new Map());
  const caseId = caseRow?.id;

  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void sourceFileNames(database(), caseId).then((names) => live && setFileNames(names));
    return () => {
      live = false;
    };
  }, [caseId]);

  const index = useMemo(() => evidenceOf(dataset, alert), [dataset, alert]);
  const provenance = (source: Provenance) => {
    const name = fileNames.get(source.file) ?? `${source.file.slice(0, 12)}…`;
    return (
      <span className="provenance" title={`${name} — SHA-256 ${source.file}`} data-file={name} data-line={source.line}>
        <span className="provenance-file">{name}</span>
        <span className="provenance-line">{t('alerts.detail.line', { line: source.line })}</span>
      </span>
    );
  };
  const status = triage?.status ?? DEFAULT_STATUS;

  return (
    <div className="alert-detail" data-testid="alert-detail" data-alert-id={alert.id}>
      <header className="alert-detail-header">
        <div>
          <h3>{typologyName(alert.typology, language)}</h3>
          <p className="muted small">{typologyDescription(alert.typology, language)}</p>
        </div>
        <div className="alert-detail-score" title={t('alerts.scoreTitle')} style={{ ['--score' as string]: alert.score }}>
          <span className="score-value">{Math.round(alert.score)}</span>
          <span className="score-label">{t('alerts.score')}</span>
        </div>
      </header>
      <section>
        <h4>{t('alerts.detail.why')}</h4>
        <p className="alert-explanation" data-testid="detail-explanation">
          {alert.explanation[language]}
        </p>
        <ScoreComponents alert={alert} />
        <dl className="facts">
          <dt>{t('alerts.window')}</dt>
          <dd>{formatWindow(alert.window, i18n)}</dd>
          <dt>{t('alerts.totals')}</dt>
          <dd>{formatTotals(alert.totals, i18n) || '—'}</dd>
          {alert.focus && (
            <>
              <dt>{t('alerts.detail.focus')}</dt>
              <dd className="mono" data-testid="detail-focus">{alert.focus}</dd>
            </>
          )}
          {alert.accounts.length > 0 && (
            <>
              <dt>{t('alerts.detail.accounts')}</dt>
              <dd>
                <CompactList items={alert.accounts} mono />
              </dd>
            </>
          )}
          {alert.parties.length > 0 && (
            <>
              <dt>{t('alerts.detail.parties')}</dt>
              <dd>
                <CompactList items={alert.parties.map((id) => (index.partyNames.get(id) ? `${index.partyNames.get(id)} (${id})` : id))} />
              </dd>
            </>
          )}
        </dl>
        <button
          type="button"
          className="primary"
          data-testid="detail-open-chart"
          onClick={() => {
            selectAlert(alert.id);
            setView('graph');
          }}
        >
          {t('alerts.openChart')}
        </button>
      </section>

      {caseId && <TriagePanel caseId={caseId} alertId={alert.id} status={status} triage={triage} onChanged={onTriageChanged} />}
      {suppressed ? (
        <p className="banner banner-default small" data-testid="detail-suppressed">
          {t('alerts.suppressed.detail')}
        </p>
      ) : (
        status === 'dismissed' && <SuppressionRuleForm alert={alert} defaultNote={triage?.reason ?? ''} />
      )}

      {alert.transactions.length > 0 && (
        <EvidenceTable
          title={t('alerts.detail.evidence', { count: i18n.number(alert.transactions.length) })}
          ids={alert.transactions}
          testId="evidence-transactions"
          rowTestId="evidence-row"
          columns={[
            { header: t('alerts.detail.col.id') },
            { header: t('alerts.detail.col.date') },
            {
              header: (
                <>
                  {t('alerts.detail.col.from')} → {t('alerts.detail.col.to')}
                </>
              ),
            },
            { header: t('alerts.detail.col.amount'), numeric: true },
            { header: t('alerts.detail.col.currency') },
            { header: t('alerts.detail.col.source') },
          ]}
          cells={(id) => {
            const transaction = index.transactions.get(id);
            if (!transaction) return undefined;
            return (
              <>
                <td className="mono">{transaction.id}</td>
                <td>{i18n.date(transaction.timestamp)}</td>
                <td className="mono from-to">
                  <span title={transaction.fromPartyName}>{transaction.fromAccount}</span>
                  <span title={transaction.toPartyName}>→ {transaction.toAccount}</span>
                </td>
                <td className="num">{i18n.number(transaction.amount, 2)}</td>
                <td>{transaction.currency}</td>
                <td className="small" data-testid="evidence-source">
                  {provenance(transaction.source)}
                </td>
              </>
            );
          }}
        />
      )}

      {alert.shipments.length > 0 && (
        <EvidenceTable
          title={t('alerts.detail.shipments', { count: i18n.number(alert.shipments.length) })}
          ids={alert.shipments}
          testId="evidence-shipments"
          columns={[
            { header: t('alerts.detail.col.id') },
            { header: t('alerts.detail.col.date') },
            { header: t('alerts.detail.col.exporter') },
            { header: t('alerts.detail.col.importer') },
            { header: t('alerts.detail.col.route') },
            { header: t('alerts.detail.col.hs') },
            { header: t('alerts.detail.col.value'), numeric: true },
            { header: t('alerts.detail.col.currency') },
            { header: t('alerts.detail.col.source') },
          ]}
          cells={(id) => {
            const shipment = index.shipments.get(id);
            if (!shipment) return undefined;
            return (
              <>
                <td className="mono">{shipment.id}</td>
                <td>{i18n.date(shipment.date)}</td>
                <td>{shipment.exporter}</td>
                <td>{shipment.importer}</td>
                <td>
                  {shipment.originCountry} → {shipment.destinationCountry}
                </td>
                <td className="mono">{shipment.hsCode}</td>
                <td className="num">{i18n.number(shipment.declaredValue, 2)}</td>
                <td>{shipment.currency}</td>
                <td className="small">{provenance(shipment.source)}</td>
              </>
            );
          }}
        />
      )}
    </div>
  );
}
