import { describeQuarantineReason, type EncodingIssues } from '../../../shared/import';
import type { QuarantineEntry, SourceFile } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import type { ImportProgress, ImportTimings } from '../../workers/importClient';
import { quarantineCsv } from './mappingEdit';
import { QuarantineTable } from './QuarantineTable';

/** A file staged by the worker, waiting for the analyst to commit or discard it. */
export interface Staged {
  importId: string;
  file: SourceFile;
  quarantine: QuarantineEntry[];
  encodingIssues?: EncodingIssues;
  timings: ImportTimings;
}

/** What became of each file of a run. */
export type FileResult =
  | { status: 'committed'; name: string; file: SourceFile; timings: ImportTimings }
  | { status: 'discarded'; name: string }
  | { status: 'cancelled'; name: string }
  | { status: 'already'; name: string; previous: SourceFile }
  | { status: 'failed'; name: string; message: string };

export function ProgressBlock({ progress }: { progress: ImportProgress | null }) {
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
export function EncodingWarning({ issues }: { issues: EncodingIssues }) {
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

/** Records and physical lines, side by side: every line of the file is accounted for. */
export function Counts({ file }: { file: SourceFile }) {
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

export function QuarantineSection({ file, entries }: { file: SourceFile; entries: QuarantineEntry[] }) {
  const { t, language, number } = useI18n();
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
      {entries.length < file.counts.quarantined && <p className="muted small">{t('import.summary.truncated', { shown: number(entries.length) })}</p>}
      <QuarantineTable entries={entries} />
    </div>
  );
}

export function ResultLine({ result, dateTime }: { result: FileResult; dateTime(timestamp: number): string }) {
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
