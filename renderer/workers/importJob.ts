import { ImportError, importCsv, isAbortError, type ImportProgress as EngineProgress } from '../../shared/import';
import type { SourceFile } from '../../shared/model';
import { abortImport, beginImport, existingRecordIds, findCommittedImport, finishImport, AlreadyImportedError } from '../db/imports';
import { inWorker } from '../db/custodyChannel';
import { encodeSealable } from '../../shared/audit/sealCodec';
import { FileCodes, packColumns, type PackedRows } from '../db/packedRows';
import { inProcessSink, workerSink, type ChunkSink, type ChunkWrite, type SealedChunkWrite } from './chunkSink';
import { sealRowBeforeAdd } from '../db/sealing';
import { CHUNK_ROWS, type CaudalDatabase } from '../db/schema';
import type { ImportFailureDetail, ImportJob, ImportPhase, ImportResult, ImportUpdate } from './importProtocol';
import { blobSource, sha256Of, WriteQueue } from './fileJob';
import { TaskCancelledError, TaskFailedError, type TaskContext } from './task';

const PROGRESS_INTERVAL_MS = 100;
/** Chunk writes allowed in flight while parsing goes on: overlap without holding many chunks in memory (4 packed 5,000-row chunks are a few MB; 2 left the parser waiting on IndexedDB, ~0.5 s on the 1M-row bench). */
const MAX_WRITES_IN_FLIGHT = 4;
/**
 * Chunks parsed and packed, held in memory, while the file's hash is still being computed: parsing
 * no longer stops at the first batch to wait for it (0.4–0.55 s on the 1M-row bench). Nothing is
 * sealed or written before the hash is known. 32 packed 5,000-row chunks are ≈ 12 MB.
 */
const MAX_CHUNKS_BEFORE_HASH = 32;
/** Chunks handed to the page per message (job.handover): a postMessage per chunk cost this thread ≈ 0.1 s per million rows. */
const HANDOVER_BATCH = 16;
/**
 * What the engine stamps as the records' source file while the real hash is still being computed
 * (natively, off this thread): every batch gets the real hash before it is written, and nothing is
 * written before the hash is known. A value hashSource can never return for a real file is not
 * needed: it never leaves this module.
 */
const HASH_PENDING = '0'.repeat(64);

/** Whether none of the chunk's typed arrays were moved away (to a chunk writer that stored them in clear). */
function stillWhole(packed: PackedRows): boolean {
  if (packed.sourceLines && packed.sourceLines.length !== packed.length) return false;
  return packed.columns.every((column) => column.length === packed.length);
}

function progressReporter(job: ImportJob, startedAt: number, progress: (progress: ImportUpdate) => void) {
  let lastPost = 0;
  let readingStartedAt = 0;
  let importId: string | undefined;
  const report = (phase: ImportPhase, engine: Pick<EngineProgress, 'rowsRead' | 'bytesRead'>, force = false) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
    lastPost = now;
    if (phase === 'reading' && readingStartedAt === 0) readingStartedAt = now;
    const readingSeconds = readingStartedAt ? (now - readingStartedAt) / 1000 : 0;
    const bytesPerSecond = readingSeconds > 0.2 ? engine.bytesRead / readingSeconds : 0;
    progress({
      phase,
      rows: engine.rowsRead,
      bytes: engine.bytesRead,
      totalBytes: job.size,
      elapsedMs: now - startedAt,
      rowsPerSecond: readingSeconds > 0.2 ? engine.rowsRead / readingSeconds : 0,
      secondsLeft: bytesPerSecond > 0 ? Math.max(0, (job.size - engine.bytesRead) / bytesPerSecond) : null,
      ...(importId ? { importId } : {}),
    });
  };
  return Object.assign(report, {
    begun(id: string) {
      importId = id;
    },
  });
}

/**
 * One import, start to staged: the import worker's task (served by
 * renderer/workers/task.ts), kept apart from the message plumbing so it runs
 * in Node against fake-indexeddb. Resolves with the staged import or the
 * earlier import of the same bytes; rejects with TaskCancelledError on cancel
 * and TaskFailedError (code and detail of the ImportError) on a file-level
 * failure, in both cases after the pending chunks were discarded.
 *
 * The file's SHA-256 is computed natively (off this thread) while parsing
 * starts, rather than before it; the first write waits for it, so the
 * idempotency check still comes before anything is stored.
 */
export async function runImportJob(db: CaudalDatabase, job: ImportJob, context: TaskContext<ImportUpdate>): Promise<ImportResult> {
  const { signal } = context;
  const startedAt = performance.now();
  const report = progressReporter(job, startedAt, context.progress);
  const writes = new WriteQueue(MAX_WRITES_IN_FLIGHT);
  // In the app, chunks are sealed and stored by a second worker, on the other core, while this one parses.
  const sink: ChunkSink = inWorker() && typeof Worker !== 'undefined' ? workerSink() : inProcessSink(db);
  let importId: string | null = null;
  let hashing: Promise<string> | undefined;
  try {
    report('hashing', { rowsRead: 0, bytesRead: 0 }, true);
    let hashMs = 0;
    hashing = sha256Of(job, signal).then((sha256) => {
      hashMs = performance.now() - startedAt;
      return sha256;
    });
    hashing.catch(() => undefined); // A parse failure may come first; the hash's own failure then has nobody waiting.
    const existingIds = await existingRecordIds(db, job.caseId, job.kind);

    let staging: Promise<{ id: string; sha256: string }> | undefined;
    let stagingDone = false;
    const staged = () =>
      (staging ??= (async () => {
        const sha256 = await (hashing as Promise<string>);
        // Idempotency before anything is written: the same bytes committed in this case are refused with when and as what.
        const previous = await findCommittedImport(db, job.caseId, sha256);
        if (previous) throw new AlreadyImportedError(previous.file);
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
        const id = await beginImport(db, job.caseId, placeholder);
        importId = id;
        report.begun(id);
        report('reading', { rowsRead: 0, bytesRead: 0 }, true);
        stagingDone = true;
        return { id, sha256 };
      })());

    // Stored chunks' bytes, handed to the page once every write is done, HANDOVER_BATCH per message: handing them over
    // while the import ran made its worker phase ≈ 0.6 s slower (16 alternating pairs, docs/BENCHMARKS.md round 9).
    let handingOver: { index: number; sealable: Uint8Array }[] = [];
    const handOver = (id: string) => {
      if (signal.aborted) return;
      for (let from = 0; from < handingOver.length; from += HANDOVER_BATCH) {
        const chunks = handingOver.slice(from, from + HANDOVER_BATCH);
        context.progress({ handover: { importId: id, chunks } }, chunks.map((chunk) => chunk.sealable.buffer as ArrayBuffer));
      }
      handingOver = [];
    };

    let chunkIndex = 0;
    // One dictionary per repeated field (account numbers) for the whole file, grown in chunk order (packedRows.ts, format 3).
    const fileCodes = new FileCodes();
    const parseStartedAt = performance.now();
    const outcome = await importCsv(blobSource(job), {
      spec: job.spec,
      sha256: HASH_PENDING,
      existingIds,
      batchSize: CHUNK_ROWS,
      signal,
      onColumns: async (columns) => {
        // The chunk is packed here, synchronously, even before the hash is known; once it is (and the
        // pending import begun), the chunk gets the real hash and is sealed here too (AES-GCM itself runs
        // off this thread), so the writer receives its ciphertext as moved bytes rather than a structured
        // clone of the clear columns. Its commit to disk overlaps the parsing of the next batches.
        const packed = packColumns(columns, fileCodes);
        const index = chunkIndex;
        chunkIndex += 1;
        writes.start(
          staged().then(async ({ id, sha256 }) => {
            packed.sourceFile = sha256;
            const chunk: ChunkWrite = { caseId: job.caseId, importId: id, kind: job.kind, index, packed };
            let plain: Uint8Array | undefined;
            const keepPlain = job.handover ? (bytes: Uint8Array) => void (plain = bytes) : undefined;
            await sink.write((await sealRowBeforeAdd(db, 'chunks', chunk, keepPlain)) as ChunkWrite | SealedChunkWrite);
            // Stored: the page may build its rows from this very chunk once the import is committed. Handed over as
            // the bytes sealing encrypted (moved, not cloned: a structured clone of the chunk's strings cost this
            // thread ≈ 0.4 s per million rows); encoded here only when sealing is off. Not after a cancel (the page
            // drops whatever it holds then), nor when the writer took the clear arrays itself.
            if (!job.handover || signal.aborted) return;
            const sealable = plain ?? (stillWhole(packed) ? encodeSealable({ index, packed }) : undefined);
            if (!sealable) return;
            handingOver.push({ index, sealable });
          }),
        );
        await writes.throttle(stagingDone ? MAX_WRITES_IN_FLIGHT : MAX_CHUNKS_BEFORE_HASH);
      },
      onProgress: (progress) => report('reading', progress),
    });
    const { id, sha256 } = await staged();
    report('finishing', { rowsRead: outcome.counts.read, bytesRead: job.size }, true);
    await writes.drain();
    if (signal.aborted) throw new TaskCancelledError('The import was cancelled.');
    handOver(id);

    const file: SourceFile = { ...outcome.file, sha256, mappingName: job.mappingName };
    await finishImport(db, id, file, outcome.quarantine);
    const finishedAt = performance.now();
    return {
      status: 'staged',
      importId: id,
      file,
      quarantine: outcome.quarantine,
      timings: { hashMs, parseAndWriteMs: finishedAt - parseStartedAt, totalMs: finishedAt - startedAt, chunks: chunkIndex },
      ...(outcome.encodingIssues ? { encodingIssues: outcome.encodingIssues } : {}),
    };
  } catch (error) {
    // Whatever went wrong, the case must look exactly as before: drop the pending chunks, once no write can land after.
    await writes.settle();
    if (importId) await abortImport(db, importId).catch(() => undefined);
    if (isAbortError(error) || signal.aborted) throw new TaskCancelledError('The import was cancelled.');
    if (error instanceof AlreadyImportedError) return { status: 'already-imported', previous: error.previous };
    if (error instanceof ImportError) {
      // Parsing starts before the hash is known: bytes already in the case are still refused as such, whatever this mapping made of them.
      const sha256 = await hashing?.catch(() => undefined);
      const previous = sha256 ? await findCommittedImport(db, job.caseId, sha256).catch(() => undefined) : undefined;
      if (previous) return { status: 'already-imported', previous: previous.file };
      const detail: ImportFailureDetail = { file: error.file, params: error.params };
      if (error.line !== undefined) detail.line = error.line;
      if (error.column !== undefined) detail.column = error.column;
      if (error.field !== undefined) detail.field = error.field;
      throw new TaskFailedError(error.message, error.code, detail);
    }
    throw error;
  } finally {
    sink.close();
  }
}
