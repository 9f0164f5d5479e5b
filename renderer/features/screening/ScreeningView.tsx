import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { errorTextIn } from '../../../shared/model';
import { DEFAULT_THRESHOLD, explain, subjectOfParty } from '../../../shared/screen';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../platform';
import { decide, deleteListVersion, dismissedAlertIds, listVersions, storeParsedLists, loadDecisions, loadEntries, loadRun, saveRun } from './repository';
import { CancelledScreening, parseListsInWorker, startScreening, type ScreeningJob } from './screeningClient';
import { initialScreeningState, screeningReducer } from './state';
import { alertingHits, decisionApplies, entryFingerprint, pairKey, partyFingerprint, type Decision, type StoredHit } from './watchlist';
import { screeningChanges } from './useWatchlistAlerts';
import { mergeScopedHits, partiesInScope, useChartSelectionScope, type ScreeningScopeChoice } from './scope';
import './screening.css';

/** What list publishers ship: the UN's XML, OFAC's CSVs, OpenSanctions' FtM JSON lines, national lists as CSV or text. */
const LIST_FILE_TYPES = ['.xml', '.csv', '.json', '.jsonl', '.ndjson', '.txt', '.tsv'];

type Run = NonNullable<Awaited<ReturnType<typeof loadRun>>>;

export function ScreeningView() {
  const { t, language, number } = useI18n();
  const { caseRow, dataset } = useWorkspace();
  const [state, dispatch] = useReducer(screeningReducer, initialScreeningState);
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const [run, setRun] = useState<Run | null>(null);
  const [decisions, setDecisions] = useState<Map<string, Decision>>(new Map());
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const job = useRef<ScreeningJob | null>(null);
  const caseId = caseRow?.id ?? null;
  const [pickedScope, setScopeChoice] = useState<ScreeningScopeChoice>('all');
  const chartSelection = useChartSelectionScope(caseId);
  // With no selection on the chart (cleared, or another case's), the choice falls back to every party.
  const scopeChoice: ScreeningScopeChoice = chartSelection ? pickedScope : 'all';
  const scopedParties = useMemo(() => (dataset ? partiesInScope(dataset.parties, scopeChoice, chartSelection) : []), [dataset, scopeChoice, chartSelection]);

  const refreshDecisions = useCallback(async (id: string) => {
    const db = database();
    setDecisions(await loadDecisions(db, id));
    setDismissed(await dismissedAlertIds(db, id));
  }, []);

  useEffect(() => {
    void listVersions(database()).then((lists) => dispatch({ type: 'listsLoaded', lists }));
  }, []);
  useEffect(() => {
    setRun(null);
    if (!caseId) return;
    let live = true;
    void loadRun(database(), caseId).then((stored) => live && setRun(stored ?? null));
    void refreshDecisions(caseId);
    return () => {
      live = false;
      job.current?.cancel();
    };
  }, [caseId, refreshDecisions]);

  const onFiles = async (files: PickedFile[]) => {
    if (files.length === 0) return;
    dispatch({ type: 'importStarted' });
    try {
      const picked = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.blob.arrayBuffer()) })));
      const db = database();
      const added = await storeParsedLists(db, await parseListsInWorker(picked));
      dispatch({ type: 'imported', lists: await listVersions(db), added, text: t('screening.imported', { count: number(added.length) }) });
    } catch (error) {
      // The reader's own Spanish in a Spanish session: the file, where in it and why.
      dispatch({ type: 'failed', text: errorTextIn(language, error) });
    }
  };

  const screenCase = async () => {
    if (!caseId || !dataset) return;
    if (state.chosen.length === 0) return dispatch({ type: 'failed', text: t('screening.chooseList') });
    if (dataset.parties.length === 0) return dispatch({ type: 'failed', text: t('screening.noParties') });
    if (scopedParties.length === 0) return dispatch({ type: 'failed', text: t('screening.scope.empty') });
    const screened = scopedParties;
    const choice = scopeChoice;
    dispatch({ type: 'runStarted' });
    const db = database();
    const chosen = state.lists.filter((list) => state.chosen.includes(list.id));
    const lists = await Promise.all(chosen.map(async (list) => ({ row: list, entries: await loadEntries(db, list.id) })));
    const parties = new Map(dataset.parties.map((party) => [party.id, party]));
    job.current = startScreening(screened.map(subjectOfParty), lists.map((list) => ({ entries: list.entries })), threshold, (done, total) => dispatch({ type: 'progress', done, total }));
    try {
      const found = await job.current.promise;
      const hits: StoredHit[] = found.map((hit) => {
        const list = lists[hit.listIndex] as (typeof lists)[number];
        const entry = list.entries.find((e) => e.id === hit.entryId);
        const party = parties.get(hit.subjectId);
        return {
          partyId: hit.subjectId,
          partyName: party?.name ?? hit.subjectId,
          listId: list.row.id,
          listName: list.row.name,
          entryId: hit.entryId,
          matchedName: hit.matchedName,
          matchedQuality: hit.matchedQuality,
          score: hit.score,
          parts: hit.parts,
          ...(entry?.listedOn ? { listedOn: entry.listedOn } : {}),
          ...(entry?.status ? { status: entry.status } : {}),
          tags: entry?.tags ?? [],
          partyFingerprint: party ? partyFingerprint(party) : '',
          entryFingerprint: entry ? entryFingerprint(entry) : '',
        };
      });
      const decided = await loadDecisions(db, caseId);
      const dismissedIds = await dismissedAlertIds(db, caseId);
      const previous = choice === 'chart' ? await loadRun(db, caseId) : undefined;
      const merged = mergeScopedHits(previous?.hits, hits, choice, new Set(screened.map((party) => party.id)));
      const listIds = [...new Set([...(merged.kept > 0 ? (previous?.listIds ?? []) : []), ...chosen.map((list) => list.id)])];
      const stored: Run = {
        caseId,
        ranAt: Date.now(),
        listIds,
        threshold,
        partyCount: screened.length,
        scope: choice,
        keptParties: merged.kept,
        hits: merged.hits,
        suppressed: alertingHits(merged.hits, decided, caseId, dismissedIds).suppressed.length,
      };
      await saveRun(db, stored);
      screeningChanges.notify();
      setRun(stored);
      setDecisions(decided);
      setDismissed(dismissedIds);
      dispatch({ type: 'runFinished' });
    } catch (error) {
      if (error instanceof CancelledScreening) dispatch({ type: 'cancelled', text: t('screening.cancelled') });
      else dispatch({ type: 'failed', text: error instanceof Error ? error.message : String(error) });
    } finally {
      job.current = null;
    }
  };

  const visible = useMemo(() => (run && caseId ? alertingHits(run.hits, decisions, caseId, dismissed).alerting : []), [run, decisions, dismissed, caseId]);

  const onDecide = async (hit: StoredHit, decision: Decision['decision'], reason: string) => {
    if (!caseId) return;
    try {
      await decide(database(), caseId, hit, decision, reason);
      await refreshDecisions(caseId);
      screeningChanges.notify();
    } catch (error) {
      dispatch({ type: 'failed', text: error instanceof Error ? error.message : String(error) });
    }
  };

  if (!caseRow) return <p className="muted">{t('screening.noCase')}</p>;
  return (
    <div className="screening-view" data-testid="screening-view">
      <header>
        <h2>{t('screening.title')}</h2>
        <p className="muted">{t('screening.intro')}</p>
        <p className="banner banner-default" data-testid="screening-licence">
          {t('screening.licence')}
        </p>
      </header>

      <section className="screening-lists">
        <h3>{t('screening.versions')}</h3>
        <div className="screening-import">
          <FilePicker accept={LIST_FILE_TYPES} multiple label={t('screening.import')} testId="screening-file" disabled={state.phase !== 'idle'} onFiles={(files) => void onFiles(files)} />
        </div>
        <p className="muted small">{t('screening.importHint')}</p>
        {state.phase === 'importing' && <p className="muted">{t('screening.importing')}</p>}
        {state.lists.length === 0 ? (
          <p className="muted">{t('screening.noLists')}</p>
        ) : (
          <table className="screening-table">
            <thead>
              <tr>
                <th>{t('screening.col.use')}</th>
                <th>{t('screening.col.list')}</th>
                <th>{t('screening.col.version')}</th>
                <th>{t('screening.col.entries')}</th>
                <th>{t('screening.col.imported')}</th>
                <th>{t('screening.col.files')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {state.lists.map((list) => (
                <tr key={list.id} data-testid="list-version" data-list-name={list.name}>
                  <td>
                    <input type="checkbox" aria-label={list.name} checked={state.chosen.includes(list.id)} onChange={() => dispatch({ type: 'toggle', listId: list.id })} />
                  </td>
                  <td>{list.name}</td>
                  <td>
                    v{list.version}
                    {list.publishedOn ? ` (${list.publishedOn})` : ''}
                  </td>
                  <td>{list.entryCount}</td>
                  <td>{new Date(list.importedAt).toISOString().slice(0, 16).replace('T', ' ')}</td>
                  <td className="small mono">{list.files.map((file) => `${file.name} ${file.sha256.slice(0, 12)}…`).join(', ')}</td>
                  <td>
                    <button
                      type="button"
                      disabled={state.phase !== 'idle'}
                      onClick={() => void deleteListVersion(database(), list.id).then(() => listVersions(database()).then((lists) => dispatch({ type: 'listsLoaded', lists })))}
                    >
                      {t('screening.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="screening-run">
        <fieldset className="screening-scope" data-testid="screening-scope" disabled={state.phase !== 'idle'}>
          <legend>{t('screening.scope')}</legend>
          <label>
            <input type="radio" name="screening-scope" value="all" data-testid="screening-scope-all" checked={scopeChoice === 'all'} onChange={() => setScopeChoice('all')} />{' '}
            {t('screening.scope.all', { count: number(dataset?.parties.length ?? 0) })}
          </label>
          <label>
            <input type="radio" name="screening-scope" value="chart" data-testid="screening-scope-chart" disabled={!chartSelection} checked={scopeChoice === 'chart'} onChange={() => setScopeChoice('chart')} />{' '}
            {chartSelection ? t('screening.scope.chart', { nodes: number(chartSelection.nodeCount), count: number(partiesInScope(dataset?.parties ?? [], 'chart', chartSelection).length) }) : t('screening.scope.chartNone')}
          </label>
        </fieldset>
        <label>
          {t('screening.threshold')}{' '}
          <input type="number" min={0.3} max={1} step={0.05} value={threshold} data-testid="screening-threshold" onChange={(event) => setThreshold(Number(event.target.value) || DEFAULT_THRESHOLD)} />
        </label>
        <button type="button" className="primary" data-testid="screening-run" disabled={state.phase !== 'idle'} onClick={() => void screenCase()}>
          {run ? t('screening.rerun') : t('screening.run')}
        </button>
        {state.phase === 'running' && (
          <>
            <progress data-testid="screening-progress" max={state.progress?.total || 1} value={state.progress?.done ?? 0} />
            <span className="muted small">{t('screening.progress', { done: number(state.progress?.done ?? 0), total: number(state.progress?.total ?? 0) })}</span>
            <button type="button" data-testid="screening-cancel" onClick={() => job.current?.cancel()}>
              {t('screening.cancel')}
            </button>
          </>
        )}
        {state.message && (
          <p className={`banner ${state.message.kind === 'error' ? 'banner-error' : 'banner-default'}`} role={state.message.kind === 'error' ? 'alert' : 'status'} data-testid="screening-message">
            {state.message.text}
          </p>
        )}
      </section>

      {run && (
        <section className="screening-results">
          <p data-testid="screening-summary" data-ran-at={run.ranAt} data-hits={visible.length} data-suppressed={run.hits.length - visible.length} data-parties={run.partyCount} data-scope={run.scope ?? 'all'}>
            {t('screening.summary', { parties: number(run.partyCount), lists: number(run.listIds.length), hits: number(visible.length), suppressed: number(run.hits.length - visible.length) })}
          </p>
          {run.scope === 'chart' && (run.keptParties ?? 0) > 0 && (
            <p className="muted small" data-testid="screening-kept">
              {t('screening.scope.kept', { count: number(run.keptParties ?? 0) })}
            </p>
          )}
          <p className="muted small">{t('screening.alertsHint')}</p>
          {visible.length === 0 ? (
            <p className="muted">{t('screening.noHits')}</p>
          ) : (
            <table className="screening-table">
              <thead>
                <tr>
                  <th>{t('screening.col.party')}</th>
                  <th>{t('screening.col.match')}</th>
                  <th>{t('screening.col.score')}</th>
                  <th>{t('screening.col.why')}</th>
                  <th>{t('screening.col.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((hit) => {
                  const decision = decisions.get(pairKey(caseRow.id, hit.listName, hit.entryId, hit.partyId));
                  const decidedTrue = decisionApplies(decision, hit) && decision?.decision === 'true-match';
                  return (
                    <tr key={`${hit.listId}|${hit.entryId}|${hit.partyId}`} data-testid="screening-hit" data-party={hit.partyId} data-entry={hit.entryId} data-list={hit.listName}>
                      <td>{hit.partyName}</td>
                      <td>
                        <strong>{hit.matchedName}</strong>
                        <div className="muted small">
                          {hit.listName} · {hit.entryId}
                          {hit.listedOn ? ` · ${t('screening.listedOn', { date: hit.listedOn })}` : ''}
                          {hit.status ? ` · ${hit.status}` : ''}
                        </div>
                      </td>
                      <td className="num" data-testid="hit-score">{number(hit.score, 2, 2)}</td>
                      <td className="small" data-testid="hit-explanation">
                        {explain(hit.parts)[language]}
                      </td>
                      <td>{decidedTrue ? <span>{t('screening.decidedTrue')}</span> : <DecisionButtons onDecide={(kind, reason) => void onDecide(hit, kind, reason)} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

function DecisionButtons({ onDecide }: { onDecide: (decision: Decision['decision'], reason: string) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (asking) {
    return (
      <div className="screening-decide">
        <input type="text" data-testid="hit-reason" placeholder={t('screening.reason')} aria-label={t('screening.reason')} value={reason} onChange={(event) => setReason(event.target.value)} />
        <button type="button" data-testid="hit-confirm-false" disabled={reason.trim() === ''} onClick={() => onDecide('false-match', reason)}>
          {t('screening.confirmFalse')}
        </button>
      </div>
    );
  }
  return (
    <div className="screening-decide">
      <button type="button" data-testid="hit-true" onClick={() => onDecide('true-match', '')}>
        {t('screening.trueMatch')}
      </button>
      <button type="button" data-testid="hit-false" onClick={() => setAsking(true)}>
        {t('screening.falseMatch')}
      </button>
    </div>
  );
}
