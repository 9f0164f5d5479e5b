import { useState } from 'react';
import type { Party } from '../../../shared/model';
import { foldName, nameSimilarity, type DuplicateProposal } from '../../../shared/resolve';
import { useI18n, type I18n } from '../../i18n/I18nProvider';
import type { PartyFacts } from './facts';
import { IdCell, KindBadge, PepBadge, SourceList, type FileNames } from './PartyBits';

/** The reason of a proposal as a headline and a sentence, in the analyst's language. */
export function describeReason(proposal: DuplicateProposal, a: Party, b: Party, i18n: Pick<I18n, 't' | 'number'>): { headline: string; detail: string } {
  const { t, number } = i18n;
  switch (proposal.reason) {
    case 'similar-name':
      return {
        headline: t('entities.reason.similar-name', { percent: `${number(Math.round(nameSimilarity(a.name, b.name) * 100))} %` }),
        detail: t('entities.reason.similar-nameDetail', { a: foldName(a.name), b: foldName(b.name) }),
      };
    case 'same-id-number':
      return {
        headline: t('entities.reason.same-id-number'),
        detail: t('entities.reason.same-id-numberDetail', { a: a.idNumber ?? '', b: b.idNumber ?? '' }),
      };
    case 'shared-account': {
      const account = /account (\S+)$/.exec(proposal.detail)?.[1] ?? '';
      return { headline: t('entities.reason.shared-account'), detail: t('entities.reason.shared-accountDetail', { account }) };
    }
  }
}

interface Side {
  party: Party;
  records: readonly Party[];
  facts: PartyFacts | undefined;
}

export function ProposalCard({
  proposal,
  sides,
  files,
  busy,
  onMerge,
  onReject,
}: {
  proposal: DuplicateProposal;
  sides: [Side, Side];
  files: FileNames;
  busy: boolean;
  onMerge(keepId: string, mergedIds: string[]): void;
  onReject(): void;
}) {
  const i18n = useI18n();
  const { t, number, date } = i18n;
  const [keepId, setKeepId] = useState(proposal.keepId);
  const reason = describeReason(proposal, sides[0].party, sides[1].party, i18n);
  const ids = sides.map((side) => side.party.id);
  const radioName = `keep-${ids.join('|')}`;
  return (
    <article className="proposal" data-testid="proposal" data-reason={proposal.reason} data-keep={proposal.keepId} data-merge={proposal.mergeIds.join(',')}>
      <header>
        <strong data-testid="proposal-reason">{reason.headline}</strong>
        <p className="muted">{reason.detail}</p>
      </header>
      <div className="proposal-sides">
        {sides.map(({ party, records, facts }) => (
          <label key={party.id} className={`proposal-side${keepId === party.id ? ' kept' : ''}`}>
            <span className="keep-choice">
              <input type="radio" name={radioName} checked={keepId === party.id} onChange={() => setKeepId(party.id)} data-testid="proposal-keep" value={party.id} />
              {t('entities.keep')}
            </span>
            <strong className="side-name">{party.name}</strong>
            <span className="party-tags">
              <KindBadge kind={party.kind} />
              {party.pep && <PepBadge />}
              {party.nationality && <span className="muted">{party.nationality}</span>}
              {party.birthDate !== undefined && <span className="muted">{date(party.birthDate)}</span>}
            </span>
            <IdCell party={party} />
            {facts && (
              <span className="muted">
                {t('entities.col.accounts')}: {number(facts.accounts)} · {t('entities.col.transactions')}: {number(facts.transactions)}
              </span>
            )}
            <SourceList records={records} files={files} />
          </label>
        ))}
      </div>
      <p className="muted keep-hint">{t('entities.keepHint')}</p>
      <div className="proposal-actions">
        <button
          type="button"
          className="primary"
          data-testid="merge-confirm"
          disabled={busy}
          onClick={() => onMerge(keepId, ids.filter((id) => id !== keepId))}
        >
          {t('entities.merge')}
        </button>
        <button type="button" data-testid="merge-reject" disabled={busy} onClick={onReject}>
          {t('entities.notSame')}
        </button>
      </div>
    </article>
  );
}

