import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  DELIMITERS,
  describeImportError,
  describeQuarantineReason,
  ENCODINGS,
  FIELD_DEFINITIONS,
  MappingSpecError,
  sniffCsv,
  suggestMapping,
  type CsvSniff,
  type DelimiterChoice,
  type EncodingChoice,
  type EncodingIssues,
  type MappingSpec,
} from '../../../shared/import';
import { RECORD_KINDS, type QuarantineEntry, type RecordKind, type SourceFile } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { abortImport, commitImport } from '../../db/imports';
import { auditImportCommitted } from '../../db/auditEvents';
import { exportMappingJson, importMappingJson, listMappings, loadMapping, mappingFileName, saveMapping } from '../../db/mappings';
import type { MappingRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform, type PickedFile } from '../../platform';
import { ImportFailedError, runImport, type ImportProgress, type ImportTimings } from '../../workers/importClient';
import { MappingEditor } from './MappingEditor';
import { QuarantineTable } from './QuarantineTable';
import { columnsOf, dateReadings, quarantineCsv, unmappedRequired } from './mappingEdit';
import './import.css';
import { StatementImportPanel } from './statement/StatementImportPanel';
import { GoamlImportPanel } from './goaml/GoamlImportPanel';
import { ImportGradePicker, useImportGrade } from './ImportGradePicker';

/** Enough of the file's start for the sniffer: encoding, delimiter, preamble, header and 50 sample rows. */
const HEAD_BYTES = 256 * 1024;
const PREVIEW_ROWS = 8;

interface Layout {
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
  skipLines: number | 'auto';
}
const AUTO_LAYOUT: Layout = { encoding: 'auto', delimiter: 'auto', skipLines: 'auto' };

interface Staged {
  importId: string;
  file: SourceFile;
  quarantine: QuarantineEntry[];
  encodingIssues?: EncodingIssues;
  timings: ImportTimings;
}

type FileResult =
  | { status: 'committed'; name: string; file: SourceFile; timings: ImportTimings }
  | { status: 'discarded'; name: string }
  | { status: 'cancelled'; name: string }
  | { status: 'already'; name: string; previous: SourceFile }
  | { status: 'failed'; name: string; message: string };

type Stage =
  | { step: 'configure' }
  | { step: 'running'; fileIndex: number; progress: ImportProgress | null; cancelling: boolean }
  | { step: 'review'; fileIndex: number; staged: Staged }
  | { step: 'done' };

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || name;
}

export function ImportView() {
  const { t, dateTime, number, language } = useI18n();
  const { caseRow, dataset, refreshCase, setView } = useWorkspace();
  const [kind, setKind] = useState<RecordKind>('transaction');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [layout, setLayout] = useState<Layout>(AUTO_LAYOUT);
  const [sniff, setSniff] = useState<CsvSniff | null>(null);
  const [sniffError, setSniffError] = useState<string | null>(null);
  const [spec, setSpec] = useState<MappingSpec | null>(null);
  const [savedMappings, setSavedMappings] = useState<MappingRow[]>([]);
  const [mappingNotice, setMappingNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'configure' });
  const [results, setResults] = useState<FileResult[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const decisionRef = useRef<((commit: boolean) => void) | null>(null);
  const importGrade = useImportGrade();
  /** Set when the spec came from a saved or loaded mapping, so a re-sniff keeps it rather than re-suggesting. */
  const keepSpecRef = useRef(false);

  // Leaving the screen mid-import: a clean file still goes in, but a file waiting for the analyst's
  // decision on its quarantine is discarded rather than left pending with nobody to decide.
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
      decisionRef.current?.(false);
      decisionRef.current = null;
    };
  }, []);

  const reloadMappings = useCallback(async () => setSavedMappings(await listMappings(database(), kind)), [kind]);
  useEffect(() => {
    void reloadMappings();
  }, [reloadMappings]);

  // Sniff the first file whenever the file, the kind or a layout override changes.
  const firstFile = files[0];
  useEffect(() => {
    if (!firstFile) return;
    let live = true;
    void (async () => {
      try {
        const head = new Uint8Array(await firstFile.blob.slice(0, HEAD_BYTES).arrayBuffer());
        const overrides: Partial<Layout> = {};
        if (layout.encoding !== 'auto') overrides.encoding = layout.encoding;
        if (layout.delimiter !== 'auto') overrides.delimiter = layout.delimiter;
        if (layout.skipLines !== 'auto') overrides.skipLines = layout.skipLines;
        const sniffed = sniffCsv(head, overrides);
        if (!live) return;
        setSniff(sniffed);
        setSniffError(null);
        setSpec((current) => {
          const withLayout = (base: MappingSpec): MappingSpec => ({ ...base, encoding: layout.encoding, delimiter: layout.delimiter, skipLines: layout.skipLines });
          if (current && current.kind === kind && keepSpecRef.current) return withLayout(current);
          const suggested = suggestMapping(kind, sniffed, current?.kind === kind ? current.name : stem(firstFile.name)).spec;
          return withLayout(suggested);
        });
      } catch (error) {
        if (!live) return;
        setSniff(null);
        setSniffError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      live = false;
    };
  }, [firstFile, kind, layout]);

  const chooseFiles = (picked: PickedFile[]) => {
    keepSpecRef.current = false;
    setFiles(picked);
    setLayout(AUTO_LAYOUT);
    setSpec(null);
    setSniff(null);
    setResults([]);
    setMappingNotice(null);
    setStage({ step: 'configure' });
  };

  const applySpec = (next: MappingSpec, name: string) => {
    if (next.kind !== kind) {
      setMappingNotice({ tone: 'error', text: t('import.mapping.wrongKind', { name, kind: t(`import.kind.${next.kind}`) }) });
      return;
    }
    keepSpecRef.current = true;
    setSpec(next);
    setLayout({ encoding: next.encoding, delimiter: next.delimiter, skipLines: next.skipLines });
    setMappingNotice({ tone: 'ok', text: t('import.mapping.loaded', { name }) });
  };

  const applySaved = async (name: string) => {
    if (!name) {
      keepSpecRef.current = false;
      setSpec(null);
      setLayout({ ...AUTO_LAYOUT });
      setMappingNotice(null);
      return;
    }
    try {
      const saved = await loadMapping(database(), name);
      if (saved) applySpec(saved, name);
    } catch (error) {
      setMappingNotice({ tone: 'error', text: t('import.mapping.invalid', { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const loadJson = async (picked: PickedFile[]) => {
    const file = picked[0];
    if (!file) return;
    try {
      const loaded = importMappingJson(await file.blob.text());
      applySpec(loaded, loaded.name);
    } catch (error) {
      const reason = error instanceof MappingSpecError || error instanceof Error ? error.message : String(error);
      setMappingNotice({ tone: 'error', text: t('import.mapping.invalid', { reason }) });
    }
  };

  const save = async () => {
    if (!spec) return;
    try {
      const saved = await saveMapping(database(), spec);
      keepSpecRef.current = true;
      await reloadMappings();
      setMappingNotice({ tone: 'ok', text: t('import.mapping.savedAs', { name: saved.name }) });
    } catch (error) {
      setMappingNotice({ tone: 'error', text: t('import.mapping.invalid', { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const exportJson = async () => {
    if (!spec) return;
    await platform.saveFile({ suggestedName: mappingFileName(spec), data: exportMappingJson(spec), mimeType: 'application/json' });
  };

  // Date columns whose sample values read both ways and for which the analyst has not said which.
  const ambiguousDates = useMemo(() => {
    if (!spec || !sniff || spec.dateOrder !== 'auto') return [];
    const dateFields = FIELD_DEFINITIONS[spec.kind].filter((definition) => definition.type === 'date').map((definition) => definition.name);
    const columns: string[] = [];
    for (const field of dateFields) {
      const source = spec.fields[field];
      if (!source || source.datePattern) continue;
      for (const column of columnsOf(source)) if (sniff.dateOrders[column] === 'ambiguous') columns.push(column);
    }
    return columns;
  }, [spec, sniff]);

  const missingRequired = spec ? unmappedRequired(spec) : [];
  const missingColumns = spec && sniff ? columnsOf_all(spec).filter((column) => !sniff.headers.includes(column)) : [];
  const canRun = Boolean(caseRow && spec && sniff && files.length > 0 && missingRequired.length === 0 && missingColumns.length === 0 && ambiguousDates.length === 0);

  const run = async () => {
    if (!caseRow || !spec || !canRun) return;
    const controller = new AbortController();
    abortRef.current = controller;
    const collected: FileResult[] = [];
    setResults([]);
    for (const [fileIndex, file] of files.entries()) {
      setStage({ step: 'running', fileIndex, progress: null, cancelling: false });
      let result: FileResult;
      try {
        performance.mark('caudal:import:start');
        const outcome = await runImport(
          { caseId: caseRow.id, kind, blob: file.blob, name: file.name, size: file.size, spec, mappingName: spec.name },
          { signal: controller.signal, onProgress: (progress) => setStage((current) => (current.step === 'running' ? { ...current, progress } : current)) },
        );
        if (outcome.status === 'cancelled') result = { status: 'cancelled', name: file.name };
        else if (outcome.status === 'already-imported') result = { status: 'already', name: file.name, previous: outcome.previous };
        else {
          // Marks on the page's timeline let a profile (and bench/import.ts) split the import into its phases.
          performance.mark('caudal:import:staged');
          let commit = true;
          // Bad rows, or lines that did not decode cleanly: the analyst decides whether the good ones go in.
          const needsReview = outcome.file.counts.quarantined > 0 || outcome.encodingIssues !== undefined;
          if (needsReview && !mountedRef.current) {
            commit = false;
          } else if (needsReview) {
            // Bad rows: the analyst decides whether the good ones go in.
            commit = await new Promise<boolean>((resolve) => {
              decisionRef.current = resolve;
              setStage({ step: 'review', fileIndex, staged: outcome });
            });
          }
          if (commit) {
            const committed = await commitImport(database(), outcome.importId);
            await auditImportCommitted(database(), committed.caseId, committed.file);
            await importGrade.save(committed.caseId, committed.file.sha256);
            performance.mark('caudal:import:committed');
            await refreshCase();
            performance.mark('caudal:import:ready');
            result = { status: 'committed', name: file.name, file: committed.file, timings: outcome.timings };
          } else {
            await abortImport(database(), outcome.importId);
            result = { status: 'discarded', name: file.name };
          }
        }
      } catch (error) {
        let message = error instanceof Error ? error.message : String(error);
        // File-level errors come with a code: said in the analyst's language, not the engine's English.
        if (error instanceof ImportFailedError && error.detail) {
          message = describeImportError({ code: error.code, message, ...error.detail }, language, (field) => t(`import.field.${field}`));
        }
        result = { status: 'failed', name: file.name, message };
      }
      collected.push(result);
      setResults([...collected]);
      if (result.status === 'cancelled' || result.status === 'failed') break;
    }
    abortRef.current = null;
    setStage({ step: 'done' });
  };

  const cancel = () => {
    abortRef.current?.abort();
    setStage((current) => (current.step === 'running' ? { ...current, cancelling: true } : current));
  };

  const decide = (commit: boolean) => {
    decisionRef.current?.(commit);
    decisionRef.current = null;
  };

  const startOver = () => {
    setFiles([]);
    setSniff(null);
    setSpec(null);
    setResults([]);
    keepSpecRef.current = false;
    setStage({ step: 'configure' });
  };

  /** Nothing to import into: say why, and offer the way back to the cases. */
  const blocked = (tone: 'muted' | 'error', testId: string, message: string) => (
    <div className="import-view">
      <p className={tone} data-testid={testId}>
        {message}
      </p>
      <button type="button" className="primary" onClick={() => setView('cases')}>
        {t('nav.cases')}
      </button>
    </div>
  );
  if (!caseRow) return blocked('muted', 'import-no-case', t('common.noCase'));
  if (caseRow.partnerPackageId) return blocked('error', 'import-partner-read-only', t('import.partnerReadOnly'));

  const busy = stage.step === 'running' || stage.step === 'review';
  const currentFileName = stage.step === 'running' || stage.step === 'review' ? files[stage.fileIndex]?.name ?? '' : '';

  return (
    <div className="import-view">
      <h1>{t('import.title', { case: `${caseRow.number} · ${caseRow.name}` })}</h1>
      {dataset && (
        <p
          className="muted"
          data-testid="case-counts"
          data-transactions={dataset.transactions.length}
          data-parties={dataset.parties.length}
          data-accounts={dataset.accounts.length}
          data-shipments={dataset.shipments.length}
        >
          {t('import.caseHolds', {
            transactions: number(dataset.transactions.length),
            parties: number(dataset.parties.length),
            accounts: number(dataset.accounts.length),
            shipments: number(dataset.shipments.length),
          })}
        </p>
      )}

      <section className="panel">
        <h2>{t('import.step.choose')}</h2>
        <div className="choose-row">
          <label>
            {t('import.kind')}
            <select
              data-testid="import-kind"
              value={kind}
              disabled={busy}
              onChange={(event) => {
                keepSpecRef.current = false;
                setSpec(null);
                setKind(event.target.value as RecordKind);
              }}
            >
              {RECORD_KINDS.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {t(`import.kind.${candidate}`)}
                </option>
              ))}
            </select>
          </label>
          <FilePicker accept={['.csv', '.txt', '.tsv', 'text/csv']} multiple label={t('import.pick')} testId="import-file" disabled={busy} onFiles={chooseFiles} />
        </div>
        <p className="muted small">{t('import.pickHint')}</p>
        {files.length > 0 && (
          <p data-testid="import-files">
            {t('import.files', { names: files.map((file) => `${file.name} (${fileSize(file.size, number)})`).join(', ') })}
          </p>
        )}
      </section>

      <StatementImportPanel />
      <GoamlImportPanel />
      <GoamlImportPanel format="ftm" />

      {sniffError && (
        <p className="error panel" role="alert" data-testid="import-sniff-error">
          {t('import.failed', { reason: sniffError })}
        </p>
      )}

      {files.length > 0 && !sniff && !sniffError && <p className="muted">{t('import.readingHead')}</p>}

      {sniff && spec && stage.step === 'configure' && (
        <>
          <section className="panel" data-testid="import-layout">
            <h2>{t('import.step.layout')}</h2>
            <div className="layout-row">
              <label>
                {t('import.sniff.encoding')}
                <select data-testid="sniff-encoding" value={layout.encoding} onChange={(event) => setLayout({ ...layout, encoding: event.target.value as EncodingChoice })}>
                  {ENCODINGS.map((encoding) => (
                    <option key={encoding} value={encoding}>
                      {encoding === 'auto' ? t('import.sniff.auto', { value: sniff.encoding }) : encoding}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('import.sniff.delimiter')}
                <select data-testid="sniff-delimiter" value={layout.delimiter} onChange={(event) => setLayout({ ...layout, delimiter: event.target.value as DelimiterChoice })}>
                  {DELIMITERS.map((delimiter) => (
                    <option key={delimiter} value={delimiter}>
                      {delimiter === 'auto' ? t('import.sniff.auto', { value: t(`import.delimiter.${sniff.delimiter}`) }) : t(`import.delimiter.${delimiter}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('import.sniff.skipLines')}
                <select
                  data-testid="sniff-skip"
                  value={String(layout.skipLines)}
                  onChange={(event) => setLayout({ ...layout, skipLines: event.target.value === 'auto' ? 'auto' : Number(event.target.value) })}
                >
                  <option value="auto">{t('import.sniff.auto', { value: sniff.skipLines })}</option>
                  {Array.from({ length: 21 }, (_, lines) => (
                    <option key={lines} value={lines}>
                      {lines}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('import.sniff.decimal')}
                <select
                  data-testid="sniff-decimal"
                  value={spec.decimalSeparator}
                  onChange={(event) => setSpec({ ...spec, decimalSeparator: event.target.value as MappingSpec['decimalSeparator'] })}
                >
                  <option value="auto">{t('import.sniff.auto', { value: sniff.decimalSeparator })}</option>
                  <option value=",">{t('import.mapping.decimal.comma')}</option>
                  <option value=".">{t('import.mapping.decimal.point')}</option>
                </select>
              </label>
            </div>
            <p className="muted small" data-testid="sniff-summary">
              {t('import.sniff.detected', { encoding: sniff.encoding, delimiter: t(`import.delimiter.${sniff.delimiter}`), skip: sniff.skipLines, decimal: sniff.decimalSeparator })}
            </p>
            {sniff.encodingIssueLines.length > 0 && (
              <p className="warn" role="alert" data-testid="sniff-encoding-warning">
                {t('import.encoding.sniff', { lines: sniff.encodingIssueLines.join(', '), encoding: sniff.encoding })}
              </p>
            )}
            <Preview sniff={sniff} spec={spec} />
          </section>

          <section className="panel" data-testid="import-mapping">
            <h2>{t('import.step.mapping')}</h2>
            <div className="mapping-tools">
              <label>
                {t('import.mapping.saved')}
                <select data-testid="mapping-saved" value={keepSpecRef.current && savedMappings.some((row) => row.name === spec.name) ? spec.name : ''} onChange={(event) => void applySaved(event.target.value)}>
                  <option value="">{t('import.mapping.savedNone')}</option>
                  {savedMappings.map((row) => (
                    <option key={row.name} value={row.name}>
                      {row.name}
                    </option>
                  ))}
                </select>
              </label>
              <FilePicker accept={['.json', 'application/json']} label={t('import.mapping.importJson')} testId="mapping-import-file" onFiles={(picked) => void loadJson(picked)} />
            </div>
            {mappingNotice && (
              <p className={mappingNotice.tone === 'error' ? 'error' : 'ok'} role={mappingNotice.tone === 'error' ? 'alert' : 'status'} data-testid="mapping-notice">
                {mappingNotice.text}
              </p>
            )}

            {ambiguousDates.length > 0 && <DateQuestion column={ambiguousDates[0] ?? ''} sniff={sniff} onAnswer={(order) => setSpec({ ...spec, dateOrder: order })} />}

            <MappingEditor spec={spec} headers={sniff.headers} sampleRows={sniff.sampleRows} onChange={setSpec} />

            <div className="save-row">
              <label>
                {t('import.mapping.name')}
                <input data-testid="mapping-name" className="mapping-name" value={spec.name} onChange={(event) => setSpec({ ...spec, name: event.target.value })} />
              </label>
              <button type="button" data-testid="mapping-save" disabled={!spec.name.trim()} onClick={() => void save()}>
                {t('import.mapping.save')}
              </button>
              <button type="button" data-testid="mapping-export" onClick={() => void exportJson()}>
                {t('import.mapping.export')}
              </button>
            </div>
          </section>

          <section className="panel run-panel">
            <h2>{t('import.step.run')}</h2>
            {missingRequired.length > 0 && (
              <p className="error" data-testid="mapping-missing">
                {t('import.mapping.missing', { fields: missingRequired.map((field) => t(`import.field.${field}`)).join(', ') })}
              </p>
            )}
            {missingColumns.map((column) => (
              <p key={column} className="error">
                {t('import.mapping.missingColumn', { column })}
              </p>
            ))}
            <p className="muted small">{t('import.runHint')}</p>
            <ImportGradePicker {...importGrade.picker} />
            <button type="button" className="primary big" data-testid="import-run" disabled={!canRun} onClick={() => void run()}>
              {files.length > 1 ? t('import.runMany', { count: files.length }) : t('import.runOne')}
            </button>
          </section>
        </>
      )}

      {stage.step === 'running' && (
        <section className="panel" data-testid="import-progress">
          <h2>{t('import.fileOf', { index: stage.fileIndex + 1, total: files.length, name: currentFileName })}</h2>
          <ProgressBlock progress={stage.progress} />
          <button type="button" data-testid="import-cancel" disabled={stage.cancelling} onClick={cancel}>
            {stage.cancelling ? t('import.cancelling') : t('import.cancel')}
          </button>
        </section>
      )}

      {stage.step === 'review' && (
        <section className="panel review" data-testid="import-summary-review">
          <h2>{t('import.summary.title', { name: currentFileName })}</h2>
          <Counts file={stage.staged.file} />
          {stage.staged.file.counts.quarantined > 0 && <p className="warn">{t('import.summary.review', { count: stage.staged.file.counts.quarantined })}</p>}
          {stage.staged.encodingIssues && <EncodingWarning issues={stage.staged.encodingIssues} />}
          <ImportGradePicker {...importGrade.picker} />
          <div className="decision">
            <button type="button" className="primary" data-testid="import-commit" onClick={() => decide(true)}>
              {t('import.commit', { count: stage.staged.file.counts.imported })}
            </button>
            <button type="button" data-testid="import-abort" onClick={() => decide(false)}>
              {t('import.abort')}
            </button>
          </div>
          <QuarantineSection file={stage.staged.file} entries={stage.staged.quarantine} />
        </section>
      )}

      {results.length > 0 && stage.step !== 'review' && (
        <section className="panel" data-testid="import-results">
          {results.map((result, index) => (
            <ResultLine key={`${result.name}-${index}`} result={result} dateTime={dateTime} />
          ))}
          {stage.step === 'done' && (
            <div className="decision">
              <button type="button" data-testid="import-again" onClick={startOver}>
                {t('import.next')}
              </button>
              <button type="button" className="primary" data-testid="import-open-chart" onClick={() => setView('graph')}>
                {t('import.openChart')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function fileSize(bytes: number, number: (value: number, digits?: number) => string): string {
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}

function columnsOf_all(spec: MappingSpec): string[] {
  return Object.values(spec.fields).flatMap((source) => columnsOf(source)).filter((column) => column !== '');
}

function Preview({ sniff, spec }: { sniff: CsvSniff; spec: MappingSpec }) {
  const { t } = useI18n();
  const fieldsByColumn = new Map<string, string[]>();
  for (const [field, source] of Object.entries(spec.fields)) {
    for (const column of columnsOf(source)) fieldsByColumn.set(column, [...(fieldsByColumn.get(column) ?? []), field]);
  }
  const rows = sniff.sampleRows.slice(0, PREVIEW_ROWS);
  return (
    <div className="preview">
      <h3>{t('import.preview', { count: rows.length })}</h3>
      <div className="preview-scroll">
        <table className="data" data-testid="preview-table">
          <thead>
            <tr>
              {sniff.headers.map((header, index) => (
                <th key={`${header}-${index}`} className={fieldsByColumn.has(header) ? 'mapped' : ''}>
                  {header}
                  {(fieldsByColumn.get(header) ?? []).map((field) => (
                    <div key={field} className="mapped-to">
                      {t('import.preview.mappedTo', { field: t(`import.field.${field}`) })}
                    </div>
                  ))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {sniff.headers.map((_, index) => (
                  <td key={index}>{row[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function DateQuestion({ column, sniff, onAnswer }: { column: string; sniff: CsvSniff; onAnswer(order: 'DMY' | 'MDY'): void }) {
  const { t, locale } = useI18n();
  const index = sniff.headers.indexOf(column);
  const example = sniff.sampleRows.map((row) => row[index] ?? '').find((value) => value.trim() !== '') ?? '';
  const readings = dateReadings(example, locale) ?? { dmy: '?', mdy: '?' };
  return (
    <fieldset className="date-question" data-testid="date-ambiguity">
      <legend>{t('import.dates.question')}</legend>
      <p>{t('import.dates.explain', { column, example })}</p>
      <label>
        <input type="radio" name="date-order" data-testid="date-order-dmy" onChange={() => onAnswer('DMY')} />
        {t('import.dates.dmy', { example, dmy: readings.dmy })}
      </label>
      <label>
        <input type="radio" name="date-order" data-testid="date-order-mdy" onChange={() => onAnswer('MDY')} />
        {t('import.dates.mdy', { example, mdy: readings.mdy })}
      </label>
    </fieldset>
  );
}

function ProgressBlock({ progress }: { progress: ImportProgress | null }) {
  const { t, number } = useI18n();
  const phase = progress?.phase ?? 'hashing';
  const fraction = progress && progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : 0;
  const mb = (bytes: number) => number(bytes / 1024 / 1024, 1);
  return (
    <div className="progress-block" data-rows={progress?.rows ?? 0}>
      <p>{t(`import.progress.${phase}`)}</p>
      <progress data-testid="import-progress-bar" max={1} value={phase === 'hashing' ? undefined : fraction} />
      {progress && phase !== 'hashing' && (
        <p className="progress-figures" data-testid="import-progress-figures">
          <span>{t('import.progress.rows', { rows: number(progress.rows) })}</span>
          <span>{t('import.progress.mb', { read: mb(progress.bytes), total: mb(progress.totalBytes) })}</span>
          <span>{t('import.progress.rate', { rate: number(progress.rowsPerSecond) })}</span>
          <span>{progress.secondsLeft === null ? t('import.progress.leftUnknown') : t('import.progress.left', { seconds: number(Math.ceil(progress.secondsLeft)) })}</span>
        </p>
      )}
    </div>
  );
}

/** Lines that did not decode cleanly: which, how they read, and what to do (discard, pick the encoding above, import again). */
function EncodingWarning({ issues }: { issues: EncodingIssues }) {
  const { t, number } = useI18n();
  return (
    <div className="warn" role="alert" data-testid="encoding-warning" data-lines={issues.lines.map((entry) => entry.line).join(',')}>
      <p>{t('import.encoding.warning', { count: number(issues.count), encoding: issues.encoding ?? '' })}</p>
      <ul>
        {issues.lines.map((entry) => (
          <li key={entry.line}>
            {t('import.quarantine.line')} {number(entry.line)}: <code>{entry.text}</code>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('import.encoding.pick')}</p>
    </div>
  );
}

function Counts({ file }: { file: SourceFile }) {
  const { t, number } = useI18n();
  const { read, imported, quarantined, duplicates, lines } = file.counts;
  return (
    <div
      className="counts"
      data-testid="import-counts"
      data-read={read}
      data-imported={imported}
      data-quarantined={quarantined}
      data-duplicates={duplicates}
      data-lines={lines ? JSON.stringify(lines) : undefined}
    >
      <div className="count">
        <strong>{number(read)}</strong> {t('import.summary.read')}
      </div>
      <div className="count ok">
        <strong data-testid="count-imported">{number(imported)}</strong> {t('import.summary.imported')}
      </div>
      <div className={quarantined > 0 ? 'count bad' : 'count'}>
        <strong data-testid="count-quarantined">{number(quarantined)}</strong> {t('import.summary.quarantined')}
      </div>
      <div className="count">
        <strong data-testid="count-duplicates">{number(duplicates)}</strong> {t('import.summary.duplicates')}
      </div>
      <p className="reconcile muted" data-testid="import-reconcile">
        {t('import.summary.reconcile', { read: number(read), imported: number(imported), quarantined: number(quarantined), duplicates: number(duplicates) })}
      </p>
      {lines && (
        <p className="reconcile muted" data-testid="import-lines">
          {t('import.summary.lines', {
            total: number(lines.total),
            header: number(lines.header),
            blank: number(lines.blank),
            imported: number(lines.imported),
            quarantined: number(lines.quarantined),
            duplicates: number(lines.duplicates),
          })}
        </p>
      )}
    </div>
  );
}

function QuarantineSection({ file, entries }: { file: SourceFile; entries: QuarantineEntry[] }) {
  const { t, language } = useI18n();
  const exportCsv = async () => {
    const csv = quarantineCsv(
      entries,
      [
        t('import.quarantine.file'),
        t('import.quarantine.line'),
        t('import.quarantine.column'),
        t('import.mapping.field'),
        t('import.quarantine.value'),
        t('import.quarantine.reason'),
        t('import.quarantine.code'),
      ],
      (entry) => describeQuarantineReason(entry, language, (field) => t(`import.field.${field}`)),
    );
    await platform.saveFile({ suggestedName: `cuarentena-${file.name.replace(/\.[^.]+$/, '')}.csv`, data: csv, mimeType: 'text/csv' });
  };
  return (
    <div className="quarantine-section">
      <div className="quarantine-title">
        <h3>{t('import.quarantine.title')}</h3>
        <button type="button" data-testid="quarantine-export" onClick={() => void exportCsv()}>
          {t('import.quarantine.export')}
        </button>
      </div>
      {entries.length < file.counts.quarantined && <p className="muted small">{t('import.summary.truncated', { shown: entries.length })}</p>}
      <QuarantineTable entries={entries} />
    </div>
  );
}

function ResultLine({ result, dateTime }: { result: FileResult; dateTime(timestamp: number): string }) {
  const { t, number } = useI18n();
  switch (result.status) {
    case 'committed':
      return (
        <div className="result committed" data-testid="import-committed">
          <p className="ok">✔ {t('import.committed', { count: number(result.file.counts.imported), name: result.name })}</p>
          <Counts file={result.file} />
          <p
            className="muted small"
            data-testid="import-timings"
            data-timings={JSON.stringify({ hashMs: Math.round(result.timings.hashMs), parseAndWriteMs: Math.round(result.timings.parseAndWriteMs), workerTotalMs: Math.round(result.timings.totalMs), chunks: result.timings.chunks })}
          >
            {t('import.timings', { hash: number(result.timings.hashMs / 1000, 1), parse: number(result.timings.parseAndWriteMs / 1000, 1) })}
          </p>
        </div>
      );
    case 'discarded':
      return (
        <p className="result" data-testid="import-discarded">
          {t('import.discarded', { name: result.name })}
        </p>
      );
    case 'cancelled':
      return (
        <p className="result" data-testid="import-cancelled">
          {t('import.cancelled')}
        </p>
      );
    case 'already':
      return (
        <p className="result warn" data-testid="import-already">
          {t('import.already', { name: result.name, date: dateTime(result.previous.importedAt), previous: result.previous.name })}
        </p>
      );
    case 'failed':
      return (
        <p className="result error" role="alert" data-testid="import-failed">
          {t('import.failed', { reason: result.message })}
        </p>
      );
  }
}
