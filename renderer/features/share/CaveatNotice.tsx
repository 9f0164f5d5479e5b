import { useEffect, useRef } from 'react';
import type { VerifiedSummary } from './packageClient';
import { useI18n } from '../../i18n/I18nProvider';
import { SignerBadge } from './SignerBadge';

/**
 * Shown before anything of a partner package is stored or displayed: the
 * originator's caveat and header, full screen, until the analyst acknowledges
 * them (Egmont: purpose limitation and the third-party rule travel with the data).
 */
export function CaveatNotice({ opened, busy, onAcknowledge, onCancel }: { opened: VerifiedSummary; busy: boolean; onAcknowledge(): void; onCancel(): void }) {
  const { t, language, date, dateTime, number } = useI18n();
  const { header } = opened.manifest;
  const other = language === 'es' ? 'en' : 'es';
  const acknowledgeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => acknowledgeRef.current?.focus(), []);
  const counts = Object.fromEntries(opened.manifest.parts.map((part) => [part.kind, part.records]));
  const fields: [string, string][] = [
    [t('share.header.originatingUnit'), header.originatingUnit],
    [t('share.header.recipientUnit'), header.recipientUnit],
    [t('share.header.reference'), header.reference],
    [t('share.header.purpose'), header.purpose],
    [t('share.header.legalBasis'), header.legalBasis],
    [t('share.header.contact'), header.contact],
    [t('share.caveat.created'), dateTime(header.createdAt)],
    [t('share.header.expires'), date(header.expiresAt)],
    ...(header.inReplyTo ? ([[t('share.header.inReplyTo'), header.inReplyTo]] as [string, string][]) : []),
  ];
  return (
    <div className="share-caveat-overlay" role="dialog" aria-modal="true" aria-labelledby="share-caveat-title" data-testid="share-caveat">
      <div className="share-caveat-card">
        <div className="share-caveat-classification">{header.classification}</div>
        <h2 id="share-caveat-title">{t('share.caveat.title', { unit: header.originatingUnit })}</h2>
        <blockquote className="share-caveat-text" data-testid="share-caveat-text">
          {header.caveat[language]}
        </blockquote>
        <p className="share-caveat-other" lang={other}>
          {header.caveat[other]}
        </p>
        <p className="share-caveat-rule">{t('share.caveat.rule')}</p>
        <dl className="share-dl">
          {fields.map(([label, value]) => (
            <div key={label} className="share-dl-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div className="share-dl-row">
            <dt>{t('share.caveat.signer')}</dt>
            <dd>
              <SignerBadge signer={opened.signer} testId="share-caveat-signer" />
            </dd>
          </div>
          <div className="share-dl-row">
            <dt>{t('share.caveat.content')}</dt>
            <dd>{t('share.caveat.counts', { parties: number(counts.parties ?? 0), accounts: number(counts.accounts ?? 0), transactions: number(counts.transactions ?? 0), alerts: number(counts.alerts ?? 0), charts: number(counts.charts ?? 0) })}</dd>
          </div>
        </dl>
        <div className="share-caveat-actions">
          <button type="button" onClick={onCancel} disabled={busy} data-testid="share-caveat-cancel">
            {t('share.caveat.cancel')}
          </button>
          <button ref={acknowledgeRef} type="button" className="primary" onClick={onAcknowledge} disabled={busy} data-testid="share-caveat-acknowledge">
            {t('share.caveat.acknowledge')}
          </button>
        </div>
      </div>
    </div>
  );
}
