import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Party } from '../../../shared/model';
import { nameSimilarity } from '../../../shared/resolve';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { confirmMerge, rejectProposal, undoDecision } from './decisions';
import { requestSnapshot } from './entitiesClient';
import { isTaskCancelled } from '../../workers/task';
import { matchesSearch, searchText } from './facts';
import { SourceList, type FileNames } from './PartyBits';
import { PartyList } from './PartyList';
import { ProposalCard } from './ProposalCard';
import type { EntitiesSnapshot, SnapshotPhase } from './snapshot';
import './entities.css';

const PAGE = 20;

/**
 * People and companies of the case, after entity resolution, with the
 * possible duplicates for the analyst to confirm or reject. A worker resolves
 * the raw records (the same function loadCaseDataset applies) so the view can
 * show every source record behind each party; after a decision it refreshes
 * the workspace so the chart, alerts and exports see the change.
 */
export function EntitiesView() {
  const i18n = useI18n();
  const { t, number } = i18n;
  const { caseRow, datasetVersion, refreshCase } = useWorkspace();
  const caseId = caseRow?.id ?? null;
  const [snapshot, setSnapshot] = useState<EntitiesSnapshot | null>(null);
  const [phase, setPhase] = useState<SnapshotPhase>('loading');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [shownProposals, setShownProposals] = useState(PAGE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    if (!caseId) return;
    const job = requestSnapshot(caseId, setPhase);
    job.promise.then(setSnapshot, (failure: unknown) => {
      // A cancelled request was replaced by a newer one (or the view closed): nothing to show.
      if (isTaskCancelled(failure)) return;
      setError(t('entities.failedRead', { message: failure instanceof Error ? failure.message : String(failure) }));
    });
    return () => job.cancel();
    // datasetVersion: re-read after every import, merge or undo.
  }, [caseId, datasetVersion, t]);

  const entries = useMemo(() => snapshot?.entries ?? [], [snapshot]);
  const files: FileNames = useMemo(() => new Map(snapshot?.files ?? []), [snapshot]);
  const resolvedIdOf = useMemo(() => new Map(snapshot?.resolvedIdOf ?? []), [snapshot]);
  const searchIndex = useMemo(() => entries.map((entry) => searchText([entry.party, ...entry.records])), [entries]);
  const visible = useMemo(() => (deferredQuery.trim() === '' ? entries : entries.filter((_, index) => matchesSearch(searchIndex[index] ?? '', deferredQuery))), [entries, searchIndex, deferredQuery]);
  const partyById = useMemo(() => new Map(entries.map((entry) => [entry.party.id, entry])), [entries]);

  const decide = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        await refreshCase();
      } catch (failure) {
        setError(t('entities.failed', { message: failure instanceof Error ? failure.message : String(failure) }));
      } finally {
        setBusy(false);
      }
    },
    [refreshCase, t],
  );

  if (!caseRow) return <p className="muted">{t('common.noCase')}</p>;
  if (!snapshot || snapshot.caseId !== caseRow.id) {
    return (
      <p className="muted" data-testid="entities-loading">
        {error ?? t(`entities.phase.${phase}`)}
      </p>
    );
  }
  const { proposals, decisions } = snapshot;

  const selected = selectedId ? partyById.get(resolvedIdOf.get(selectedId) ?? selectedId) : undefined;
  const recordsOf = (ids: readonly string[]): Party[] => ids.flatMap((id) => partyById.get(id)?.records ?? []);
  const merged = decisions.filter((row) => row.decision === 'merged').length;

  return (
    <div className="entities-view">
      <section className="panel entities-intro">
        <h2>{t('entities.title')}</h2>
        <p>{t('entities.intro')}</p>
        <p className="entities-summary" data-testid="entities-summary" data-parties={entries.length} data-records={snapshot.rawRecords}>
          {t('entities.summary', {
            records: number(snapshot.rawRecords),
            parties: number(entries.length),
            automatic: number(snapshot.automaticallyMerged),
            merged: number(merged),
          })}
        </p>
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="entities-columns">
        <section className="panel entities-list">
          <label className="entities-search">
            <span>{t('entities.search')}</span>
            <input type="search" data-testid="entities-search" value={query} placeholder={t('entities.searchPlaceholder')} onChange={(event) => setQuery(event.target.value)} />
          </label>
          <p className="muted" data-testid="entities-shown">
            {t('entities.shown', { shown: number(visible.length), total: number(entries.length) })}
          </p>
          {entries.length === 0 ? <p className="muted">{t('entities.empty')}</p> : visible.length === 0 ? <p className="muted">{t('entities.none')}</p> : <PartyList entries={visible} files={files} selectedId={selectedId} onSelect={setSelectedId} />}
          {selected ? (
            <div className="party-detail" data-testid="party-detail">
              <strong>{t('entities.detail.title', { name: selected.party.name, count: number(selected.records.length) })}</strong>
              <SourceList records={selected.records} files={files} />
            </div>
          ) : (
            entries.length > 0 && <p className="muted party-detail">{t('entities.detail.hint')}</p>
          )}
        </section>
        <aside className="entities-side">
          {decisions.length > 0 && (
          <section className="panel" data-testid="decisions">
            <h3>{t('entities.decisions.title', { count: number(decisions.length) })}</h3>
            <ul className="decision-list">
              {[...decisions].reverse().map((row) => {
                const keptName = partyById.get(resolvedIdOf.get(row.keepId) ?? row.keepId)?.party.name ?? row.records.find((record) => record.partyId === row.keepId)?.name ?? row.keepId;
                const names = row.records.map((record) => record.name);
                const reasonKey = `entities.reason.${row.reason}`;
                const reason = row.reason === 'similar-name' ? t(reasonKey, { percent: `${number(Math.round(nameSimilarity(names[0] ?? '', names.at(-1) ?? '') * 100))} %` }) : t(reasonKey);
                // Records as stored with the decision: provenance even if a file later leaves the case.
                const records = row.records.map((record) => ({ id: record.partyId, name: record.name, kind: 'person' as const, pep: false, source: record.source, ...(record.idNumber ? { idNumber: record.idNumber } : {}), ...(record.idType ? { idType: record.idType as Party['idType'] } : {}) }));
                return (
                  <li key={row.id} className={`decision decision-${row.decision}`} data-testid={`decision-${row.decision}`}>
                    <div className="decision-head">
                      <strong>{row.decision === 'merged' ? t('entities.decisions.merged', { name: keptName }) : t('entities.decisions.rejected', { names: [...new Set(names)].join(' / ') })}</strong>
                      <button
                        type="button"
                        data-testid={row.decision === 'merged' ? 'merge-undo' : 'reject-undo'}
                        disabled={busy}
                        onClick={() => void decide(() => undoDecision(database(), row.id))}
                      >
                        {row.decision === 'merged' ? t('entities.undo') : t('entities.undoRejected')}
                      </button>
                    </div>
                    <span className="muted">{t('entities.decisions.when', { reason, date: i18n.dateTime(row.confirmedAt) })}</span>
                    <SourceList records={records} files={files} />
                  </li>
                );
              })}
            </ul>
          </section>
          )}
          <section className="panel" data-testid="proposals">
            <h3>{t('entities.proposals.title', { count: number(proposals.length) })}</h3>
            {proposals.length === 0 && <p className="muted">{t('entities.proposals.none')}</p>}
            {proposals.slice(0, shownProposals).map((proposal) => {
              const [aId, bId] = [proposal.keepId, proposal.mergeIds[0] ?? ''];
              const a = partyById.get(aId);
              const b = partyById.get(bId);
              if (!a || !b) return null;
              const ids = [proposal.keepId, ...proposal.mergeIds];
              return (
                <ProposalCard
                  key={ids.join('|')}
                  proposal={proposal}
                  sides={[
                    { party: a.party, records: a.records, facts: a.facts },
                    { party: b.party, records: b.records, facts: b.facts },
                  ]}
                  files={files}
                  busy={busy}
                  onMerge={(keepId, mergedIds) => void decide(() => confirmMerge(database(), { caseId: caseRow.id, proposal, keepId, mergedIds, records: recordsOf(ids) }))}
                  onReject={() => void decide(() => rejectProposal(database(), { caseId: caseRow.id, proposal, keepId: proposal.keepId, mergedIds: proposal.mergeIds, records: recordsOf(ids) }))}
                />
              );
            })}
            {proposals.length > shownProposals && (
              <button type="button" onClick={() => setShownProposals((count) => count + PAGE)}>
                {t('entities.proposals.more', { count: number(Math.min(PAGE, proposals.length - shownProposals)) })}
              </button>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
