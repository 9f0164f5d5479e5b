import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FIELD_DEFINITIONS, MappingSpecError, sniffCsv, suggestMapping, type CsvSniff, type MappingSpec } from '../../../shared/import';
import { RECORD_KINDS, type RecordKind } from '../../../shared/model';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { exportMappingJson, importMappingJson, listMappings, loadMapping, mappingFileName, saveMapping } from '../../db/mappings';
import type { MappingRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, platform, type PickedFile } from '../../platform';
import { columnsOf, unmappedRequired } from './mappingEdit';
import './import.css';
import { StatementImportPanel } from './statement/StatementImportPanel';
import { GoamlImportPanel } from './goaml/GoamlImportPanel';
import { ImportGradePicker, useImportGrade } from './ImportGradePicker';
import { Counts, EncodingWarning, ProgressBlock, QuarantineSection, ResultLine } from './ImportResults';
import { AUTO_LAYOUT, LayoutPanel, type Layout } from './LayoutPanel';
import { MappingPanel, type MappingNotice } from './MappingPanel';
import { mappedColumns } from './MappingPreview';
import { useImportRun } from './useImportRun';

/** Enough of the file's start for the sniffer: encoding, delimiter, preamble, header and 50 sample rows. */
const HEAD_BYTES = 256 * 1024;
function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '') || name;
}

export function ImportView() {
  const { t, dateTime, number } = useI18n();
  const { caseRow, dataset, setView } = useWorkspace();
  const [kind, setKind] = useState<RecordKind>('transaction');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [layout, setLayout] = useState<Layout>(AUTO_LAYOUT);
  const [sniff, setSniff] = useState<CsvSniff | null>(null);
  const [sniffError, setSniffError] = useState<string | null>(null);
  const [spec, setSpec] = useState<MappingSpec | null>(null);
  const [savedMappings, setSavedMappings] = useState<MappingRow[]>([]);
  const [mappingNotice, setMappingNotice] = useState<MappingNotice | null>(null);
  const importGrade = useImportGrade();
  const { stage, results, run: runFiles, cancel, decide, reset } = useImportRun(importGrade.save);
  /** Set when the spec came from a saved or loaded mapping, so a re-sniff keeps it rather than re-suggesting. */
  const keepSpecRef = useRef(false);

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
    setMappingNotice(null);
    reset();
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
  const missingColumns = spec && sniff ? mappedColumns(spec).filter((column) => !sniff.headers.includes(column)) : [];
  const canRun = Boolean(caseRow && spec && sniff && files.length > 0 && missingRequired.length === 0 && missingColumns.length === 0 && ambiguousDates.length === 0);

  const run = async () => {
    if (!caseRow || !spec || !canRun) return;
    await runFiles({ caseId: caseRow.id, kind, files, spec });
  };

  const startOver = () => {
    setFiles([]);
    setSniff(null);
    setSpec(null);
    keepSpecRef.current = false;
    reset();
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

      {sniffError && (
        <p className="error panel" role="alert" data-testid="import-sniff-error">
          {t('import.failed', { reason: sniffError })}
        </p>
      )}

      {files.length > 0 && !sniff && !sniffError && <p className="muted">{t('import.readingHead')}</p>}

      {sniff && spec && stage.step === 'configure' && (
        <>
          <LayoutPanel sniff={sniff} spec={spec} layout={layout} onLayout={setLayout} onSpec={setSpec} />

          <MappingPanel
            sniff={sniff}
            spec={spec}
            onSpec={setSpec}
            savedMappings={savedMappings}
            savedInUse={keepSpecRef.current && savedMappings.some((row) => row.name === spec.name) ? spec.name : ''}
            onPickSaved={(name) => void applySaved(name)}
            onLoadJson={(picked) => void loadJson(picked)}
            onSave={() => void save()}
            onExport={() => void exportJson()}
            notice={mappingNotice}
            ambiguousDateColumn={ambiguousDates[0]}
          />

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
          {stage.staged.file.counts.quarantined > 0 && <p className="warn">{t('import.summary.review', { count: number(stage.staged.file.counts.quarantined) })}</p>}
          {stage.staged.encodingIssues && <EncodingWarning issues={stage.staged.encodingIssues} />}
          <ImportGradePicker {...importGrade.picker} />
          <div className="decision">
            <button type="button" className="primary" data-testid="import-commit" onClick={() => decide(true)}>
              {t('import.commit', { count: number(stage.staged.file.counts.imported) })}
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

      {/* The other kinds of source come after the CSV's own steps, so picking a CSV file is followed right below by
          how it reads, its mapping and its result, not by three unrelated panels. */}
      <StatementImportPanel />
      <GoamlImportPanel />
      <GoamlImportPanel format="ftm" />
    </div>
  );
}

function fileSize(bytes: number, number: (value: number, digits?: number) => string): string {
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${number(bytes / 1024 / 1024, 1)} MB`;
}
