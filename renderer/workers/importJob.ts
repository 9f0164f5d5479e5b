import { ImportError, importCsv, isAbortError, type ImportProgress as EngineProgress } from '../../shared/import';
import type { SourceFile } from '../../shared/model';
import { abortImport, appendChunk, beginImport, existingRecordIds, findCommittedImport, finishImport, AlreadyImportedError } from '../db/imports';
import { CHUNK_ROWS, type CaudalDatabase } from '../db/schema';
import type { FromImportWorker, ImportFailureDetail, ImportJob, ImportPhase } from './importProtocol';
import { blobSource, sha256Of, WriteQueue } from './fileJob';

const PROGRESS_INTERVAL_MS = 100;
/** Chunk writes allowed in flight while parsing goes on: overlap without holding many chunks in memory (4 packed 5,000-row chunks are a few MB; 2 left the parser waiting on IndexedDB, ~0.5 s on the 1M-row bench). */
const MAX_WRITES_IN_FLIGHT = 4;


function progressReporter(job: ImportJob, startedAt: number, post: (message: FromImportWorker) => void) {
  let lastPost = 0;
  let readingStartedAt = 0;
  return (phase: ImportPhase, engine: Pick<EngineProgress, 'rowsRead' | 'bytesRead'>, force = false) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
    lastPost = now;
    if (phase === 'reading' && readingStartedAt === 0) readingStartedAt = now;
    const readingSeconds = readingStartedAt ? (now - readingStartedAt) / 1000 : 0;
    const bytesPerSecond = readingSeconds > 0.2 ? engine.bytesRead / readingSeconds : 0;
    post({
      type: 'progress',
      progress: {
        phase,
        rows: engine.rowsRead,
        bytes: engine.bytesRead,
        totalBytes: job.size,
        elapsedMs: now - startedAt,
        rowsPerSecond: readingSeconds > 0.2 ? engine.rowsRead / readingSeconds : 0,
        secondsLeft: bytesPerSecond > 0 ? Math.max(0, (job.size - engine.bytesRead) / bytesPerSecond) : null,
      },
    });
  };
}

/**
 * One import, start to staged: what the worker runs, kept apart from the
 * message plumbing so it can be tested in Node against fake-indexeddb.
 * Every outcome is reported through `post`; on cancel or failure the pending
 * chunks are discarded before the message goes out.
 */
export async function runImportJob(db: CaudalDatabase, job: ImportJob, signal: AbortSignal, post: (message: FromImportWorker) => void): Promise<void> {
  const startedAt = performance.now();
  const report = progressReporter(job, startedAt, post);
  const writes = new WriteQueue(MAX_WRITES_IN_FLIGHT);
  let importId: string | null = null;
  try {
    report('hashing', { rowsRead: 0, bytesRead: 0 }, true);
    const sha256 = await sha256Of(job, signal);
    const hashMs = performance.now() - startedAt;

    // Idempotency before any parsing: the same bytes committed in this case are refused with when and as what.
    const previous = await findCommittedImport(db, job.caseId, sha256);
    if (previous) {
      post({ type: 'already-imported', previous: previous.file });
      return;
    }

    const placeholder: SourceFile = {
      sha256,
      name: job.name,
      size: job.size,
      kind: job.kind,
      importedAt: Date.now(),
      mappingName: job.mappingName,
      mapping: job.spec,
      encoding: job.spec.encoding,
      delimiter: job.spec.delimiter,
      counts: { read: 0, imported: 0, quarantined: 0, duplicates: 0 },
    };
    importId = await beginImport(db, job.caseId, placeholder);
    post({ type: 'begun', importId });
    const existingIds = await existingRecordIds(db, job.caseId, job.kind);

    const id = importId;
    let chunkIndex = 0;
    const parseStartedAt = performance.now();
    const outcome = await importCsv(blobSource(job), {
      spec: job.spec,
      sha256,
      existingIds,
      batchSize: CHUNK_ROWS,
      signal,
      onBatch: async (records) => {
        // The chunk is serialised here, synchronously; its commit to disk overlaps the parsing of the next batch.
        writes.start(appendChunk(db, id, job.caseId, job.kind, chunkIndex, records));
        chunkIndex += 1;
        await writes.throttle();
      },
      onProgress: (progress) => report('reading', progress),
    });
    report('finishing', { rowsRead: outcome.counts.read, bytesRead: job.size }, true);
    await writes.drain();
    if (signal.aborted) throw Object.assign(new Error('The import was cancelled.'), { name: 'AbortError' });

    const file: SourceFile = { ...outcome.file, mappingName: job.mappingName };
    await finishImport(db, id, file, outcome.quarantine);
    const finishedAt = performance.now();
    post({
      type: 'staged',
      importId: id,
      file,
      quarantine: outcome.quarantine,
      timings: { hashMs, parseAndWriteMs: finishedAt - parseStartedAt, totalMs: finishedAt - startedAt, chunks: chunkIndex },
      ...(outcome.encodingIssues ? { encodingIssues: outcome.encodingIssues } : {}),
    });
  } catch (error) {
    // Whatever went wrong, the case must look exactly as before: drop the pending chunks, once no write can land after.
    await writes.settle();
    if (importId) await abortImport(db, importId).catch(() => undefined);
    if (isAbortError(error) || signal.aborted) post({ type: 'cancelled' });
    else if (error instanceof AlreadyImportedError) post({ type: 'already-imported', previous: error.previous });
    else if (error instanceof ImportError) {
      const detail: ImportFailureDetail = { file: error.file, params: error.params };
      if (error.line !== undefined) detail.line = error.line;
      if (error.column !== undefined) detail.column = error.column;
      if (error.field !== undefined) detail.field = error.field;
      post({ type: 'failed', message: error.message, code: error.code, detail });
    }
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
