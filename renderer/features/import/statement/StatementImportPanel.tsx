import { useEffect, useReducer, useRef, useState } from 'react';
import type { MatchSummary, StatementMapping } from '../../../../shared/import/statement';
import { builtinProfile } from '../../../../shared/profiles';
import { useWorkspace } from '../../../app/workspace';
import { database } from '../../../db/database';
import { lastMatchSummary, listStatementMappings, matchToleranceDays, saveStatementMapping, setMatchToleranceDays } from '../../../db/statements';
import { useI18n } from '../../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../../platform';
import { canImport, INITIAL_STATEMENT_PANEL, readyFiles, statementPanelReducer, type StatementFileEntry } from './panelState';
import { StatementFileCard } from './StatementFileCard';
import { StatementResults } from './StatementResults';
import { importInWorker, StatementInspector } from './statementClient';
import './statement.css';

/** Past this many files only those that need the analyst get a card; the rest are counted. */
const MANY_FILES = 12;

function shownFiles(state: { files: StatementFileEntry[] }): StatementFileEntry[] {
  if (state.files.length <= MANY_FILES) return state.files;
  return state.files.filter((entry) => entry.inspection && (entry.inspection.error || !entry.mapping || entry.mappingError)).slice(0, MANY_FILES);
}

/**
 * Issue 16: account statements in the import screen. Its own panel beside the
 * transfer import: pick statements (CSV, .xlsx or .ods), check what was detected,
 * import them (each file atomically, in a worker), then read each one's
 * completeness and the case-wide pairing of both sides of transfers.
 */
export function StatementImportPanel() {
  const { t } = useI18n();
  const { caseRow, refreshCase } = useWorkspace();
  const [state, dispatch] = useReducer(statementPanelReducer, INITIAL_STATEMENT_PANEL);
  /** The chosen files by their entry's key (a file taken out of the batch leaves the others' keys as they are). */
  const [picked, setPicked] = useState<ReadonlyMap<number, PickedFile>>(new Map());
  const [saved, setSaved] = useState<StatementMapping[]>([]);
  const [tolerance, setTolerance] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [matching, setMatching] = useState<MatchSummary | undefined>(undefined);
  /** Where the time of the last import went (files written; case re-read with both sides merged), for the benchmark. */
  const [timings, setTimings] = useState<{ writtenMs: number; totalMs: number } | null>(null);
  const nextKey = useRef(1);
  const abort = useRef<AbortController | null>(null);
  const inspector = useRef<StatementInspector | null>(null);
  const caseId = caseRow?.id;

  useEffect(() => {
    const current = new StatementInspector((key, inspection) => dispatch({ type: 'inspected', key, inspection, keepMapping: keptMapping.current.has(key) }));
    inspector.current = current;
    return () => current.dispose();
  }, []);
  /** Keys whose next inspection applies the analyst's mapping rather than the detected one. */
  const keptMapping = useRef(new Set<number>());

  useEffect(() => {
    void listStatementMappings(database()).then(setSaved);
  }, []);
  useEffect(() => {
    if (caseId) void matchToleranceDays(database(), caseId).then(setTolerance);
  }, [caseId]);

  if (!caseRow || caseRow.partnerPackageId) return null;

  const inspect = (key: number, file: PickedFile, mapping?: StatementMapping, sheet?: string) => {
    if (mapping) keptMapping.current.add(key);
    else keptMapping.current.delete(key);
    inspector.current?.inspect(key, { name: file.name, blob: file.blob }, mapping, sheet);
  };

  const choose = (files: PickedFile[]) => {
    const firstKey = nextKey.current;
    nextKey.current += files.length;
    setPicked(new Map(files.map((file, index) => [firstKey + index, file])));
    setNotice(null);
    dispatch({ type: 'files-chosen', names: files.map((file) => file.name), firstKey });
    files.forEach((file, index) => inspect(firstKey + index, file));
  };

  const fileOf = (key: number) => picked.get(key);

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    dispatch({ type: 'import-started' });
    const jobs = readyFiles(state).map((entry) => ({ file: { name: entry.name, blob: (fileOf(entry.key) as PickedFile).blob }, mapping: entry.mapping }));
    const currency = builtinProfile(caseRow.profileId)?.currency ?? 'COP';
    const startedAt = performance.now();
    const results = await importInWorker(caseRow.id, jobs, currency, {
      signal: controller.signal,
      onProgress: (done, total, current) => dispatch({ type: 'progress', done, total, current }),
      onFile: (result) => dispatch({ type: 'file-done', result }),
    });
    abort.current = null;
    setTimings({ writtenMs: performance.now() - startedAt, totalMs: 0 });
    // Reading the case merges both sides of each transfer; the summary comes from that read.
    await refreshCase();
    setMatching(lastMatchSummary(caseRow.id));
    setTimings((previous) => ({ writtenMs: previous?.writtenMs ?? 0, totalMs: performance.now() - startedAt }));
    dispatch({ type: 'finished', results });
  };

  const busy = state.phase === 'importing';
  return (
    <section className="panel statement-panel" data-testid="statement-panel" data-written-ms={timings ? Math.round(timings.writtenMs) : undefined} data-total-ms={timings ? Math.round(timings.totalMs) : undefined}>
      <h2>{t('statement.title')}</h2>
      <p className="muted small">{t('statement.hint')}</p>
      <div className="choose-row">
        <FilePicker accept={['.csv', '.txt', '.xlsx', '.xlsm', '.xls', '.ods']} multiple label={t('statement.pick')} testId="statement-file-input" disabled={busy} onFiles={choose} />
        {saved.length > 0 && state.files.length > 0 && (
          <label>
            {t('statement.useSaved')}{' '}
            <select
              data-testid="statement-saved"
              value=""
              disabled={busy}
              onChange={(event) => {
                const mapping = saved.find((candidate) => candidate.name === event.target.value);
                if (!mapping) return;
                state.files.forEach((entry) => {
                  const file = fileOf(entry.key);
                  if (file) inspect(entry.key, file, mapping);
                });
              }}
            >
              <option value="" />
              {saved.map((mapping) => (
                <option key={mapping.name} value={mapping.name}>
                  {mapping.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {state.files.length > MANY_FILES && state.phase !== 'done' && (
        <p data-testid="statement-many" data-ready={readyFiles(state).length} data-total={state.files.length}>
          {t('statement.many', { ready: readyFiles(state).length, total: state.files.length })}
        </p>
      )}
      {state.phase !== 'done' &&
        shownFiles(state).map((entry) => (
          <StatementFileCard
            key={entry.key}
            entry={entry}
            disabled={busy}
            onMapping={(mapping) => dispatch({ type: 'mapping-edited', key: entry.key, mapping })}
            onSheet={(sheet) => {
              const file = fileOf(entry.key);
              if (file) inspect(entry.key, file, entry.mapping ? { ...entry.mapping, sheet } : undefined, sheet);
            }}
            onPreview={() => {
              const file = fileOf(entry.key);
              if (file && entry.mapping && !entry.mappingError) inspect(entry.key, file, entry.mapping);
            }}
            onRemove={() => dispatch({ type: 'file-removed', key: entry.key })}
          />
        ))}
      {state.files.length > 0 && state.phase === 'choose' && (
        <div className="run-panel">
          {tolerance !== null && (
            <label className="small">
              {t('statement.tolerance', { days: tolerance })}{' '}
              <input
                type="number"
                min={0}
                max={60}
                data-testid="statement-tolerance"
                value={tolerance}
                onChange={(event) => {
                  const days = Math.max(0, Math.min(60, Math.round(Number(event.target.value) || 0)));
                  setTolerance(days);
                  void setMatchToleranceDays(database(), caseRow.id, days);
                }}
              />
            </label>
          )}
          <button
            type="button"
            disabled={!state.files[0]?.mapping || !!state.files[0]?.mappingError}
            data-testid="statement-save-mapping"
            onClick={() => {
              const mapping = state.files[0]?.mapping;
              if (mapping) void saveStatementMapping(database(), mapping).then(async () => {
                setSaved(await listStatementMappings(database()));
                setNotice(t('statement.saved', { name: mapping.name }));
              });
            }}
          >
            {t('statement.saveMapping')}
          </button>
          <button type="button" className="primary" data-testid="statement-import" disabled={!canImport(state)} onClick={() => void run()}>
            {t('statement.import', { count: state.files.length })}
          </button>
          {notice && <span className="ok small">{notice}</span>}
        </div>
      )}
      {busy && state.progress && (
        <p data-testid="statement-progress">
          {t('statement.progress', { done: state.progress.done + 1 > state.progress.total ? state.progress.total : state.progress.done + 1, total: state.progress.total, file: state.progress.current })}{' '}
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('statement.cancel')}
          </button>
        </p>
      )}
      {state.phase === 'done' && (
        <>
          <StatementResults results={state.results} matching={matching} />
          <button type="button" data-testid="statement-again" onClick={() => dispatch({ type: 'reset' })}>
            {t('statement.again')}
          </button>
        </>
      )}
    </section>
  );
}
