import { useMemo, useState } from 'react';
import {
  MatchFilterSetSchema,
  buildMatchFilters,
  deriveMatchKeyFromKeys,
  deriveMatchKeyFromSecret,
  matchAgainst,
  publicKeysOf,
  replySelectionFromHits,
  sharedHits,
  type MatchHit,
} from '../../../shared/package';
import { useWorkspace } from '../../app/workspace';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform } from '../../platform';
import type { ReplyDraft } from './ExportWizard';
import { errorText, type ShareData } from './useShareData';
import { auditMatchExchange } from '../../db/auditEvents';
import { database } from '../../db/database';

/**
 * Ma3tch-style matching: filters are HMACs of normalised identifiers under a
 * key only the two units can compute. "Match against my data" shows hits only;
 * the filters reveal nothing else, and nothing is sent unless the analyst
 * builds a reply package from the hits.
 */
export function MatchPanel({ data, onReply }: { data: ShareData; onReply(draft: ReplyDraft): void }) {
  const { t } = useI18n();
  const { caseRow, dataset } = useWorkspace();
  const [partnerId, setPartnerId] = useState('');
  const [secret, setSecret] = useState('');
  const [filtersText, setFiltersText] = useState('');
  const [hits, setHits] = useState<MatchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const partner = useMemo(() => data.partners.find((entry) => entry.id === partnerId) ?? null, [data.partners, partnerId]);

  const matchKey = async (): Promise<Uint8Array> => {
    if (partner && data.ownKeys) return deriveMatchKeyFromKeys(data.ownKeys, partner.keys, publicKeysOf(data.ownKeys).fingerprint);
    return deriveMatchKeyFromSecret(secret);
  };
  const keyReady = Boolean((partner && data.ownKeys) || secret.trim().length >= 16);

  if (!caseRow || !dataset) return <p className="muted">{t('common.noCase')}</p>;

  const makeFilters = async () => {
    setBusy(true);
    setError(null);
    try {
      const { filterSet } = buildMatchFilters(dataset, { parties: dataset.parties.map((party) => party.id), accounts: dataset.accounts.map((account) => account.id) }, await matchKey(), {
        unit: data.ownKeys?.unit ?? caseRow.number,
        now: Date.now(),
      });
      await platform.saveFile({ suggestedName: `${caseRow.number}.match-filters.json`, data: JSON.stringify(filterSet), mimeType: 'application/json', filters: [{ name: 'Match filters', extensions: ['json'] }] });
      await auditMatchExchange(database(), caseRow.id, 'filters-written', { filters: filterSet.filters.length, data: JSON.stringify(filterSet) });
      setNotice(t('share.match.filtersSaved', { count: filterSet.filters.length }));
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };

  const runMatch = async () => {
    setBusy(true);
    setError(null);
    setHits(null);
    try {
      const parsed = MatchFilterSetSchema.safeParse(JSON.parse(filtersText));
      if (!parsed.success) throw new Error(t('share.match.badFilters'));
      await auditMatchExchange(database(), caseRow.id, 'filters-matched', { filters: parsed.data.filters.length, data: filtersText });
      setHits(matchAgainst(parsed.data, dataset, await matchKey()));
    } catch (reason) {
      setError(errorText(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel share-section" data-testid="share-match">
      <h3>{t('share.match.title')}</h3>
      <p className="muted">{t('share.match.intro')}</p>
      <div className="share-form">
        <label>
          {t('share.match.partner')}
          <select data-testid="share-match-partner" value={partnerId} onChange={(event) => setPartnerId(event.target.value)}>
            <option value="">{t('share.match.useSecret')}</option>
            {data.partners.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.unit}
              </option>
            ))}
          </select>
        </label>
        {!partner && (
          <label>
            {t('share.match.secret')}
            <input type="password" data-testid="share-match-secret" value={secret} onChange={(event) => setSecret(event.target.value)} />
          </label>
        )}
        {partner && !data.ownKeys && <p className="share-warning wide">{data.ownPublic ? t('share.unlock.needed') : t('share.protect.noOwnKey')}</p>}
      </div>
      <div className="share-row">
        <button type="button" data-testid="share-make-filters" disabled={!keyReady || busy} onClick={() => void makeFilters()}>
          {t('share.match.makeFilters')}
        </button>
      </div>
      <h4>{t('share.match.against')}</h4>
      <FilePicker accept={['.json']} label={t('share.match.pickFilters')} testId="share-filters-file" onFiles={(files) => files[0] && void files[0].blob.text().then(setFiltersText)} />
      <textarea className="share-filters-text" rows={4} data-testid="share-filters-text" placeholder={t('share.match.paste')} value={filtersText} onChange={(event) => setFiltersText(event.target.value)} />
      <div className="share-row">
        <button type="button" className="primary" data-testid="share-run-match" disabled={!keyReady || !filtersText.trim() || busy} onClick={() => void runMatch()}>
          {t('share.match.run')}
        </button>
      </div>
      {hits && (
        <div data-testid="share-match-hits">
          <p>{t('share.match.hits', { count: hits.length })}</p>
          {hits.length > 0 && (
            <>
              <table className="data">
                <thead>
                  <tr>
                    <th>{t('share.match.kind')}</th>
                    <th>{t('share.match.record')}</th>
                    <th>{t('share.match.on')}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((hit) => (
                    <tr key={`${hit.kind}:${hit.record.id}:${hit.filter.hash}`}>
                      <td>{t(`share.kind.${hit.kind}`)}</td>
                      <td>{'name' in hit.record ? `${hit.record.name} (${hit.record.id})` : `${hit.record.id} ${hit.record.holderName ?? ''}`}</td>
                      <td>{t(`share.match.type.${hit.filter.type}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button
                type="button"
                data-testid="share-reply"
                onClick={() => {
                  const selection = replySelectionFromHits(hits);
                  const sender = (() => {
                    try {
                      return MatchFilterSetSchema.parse(JSON.parse(filtersText)).unit;
                    } catch {
                      return '';
                    }
                  })();
                  onReply({ picked: { parties: selection.parties, accounts: selection.accounts, transactions: [] }, hits: sharedHits(hits), inReplyTo: '', recipientUnit: partner?.unit ?? sender });
                }}
              >
                {t('share.match.reply')}
              </button>
            </>
          )}
        </div>
      )}
      {notice && <p className="share-ok">{notice}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
