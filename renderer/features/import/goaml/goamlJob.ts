import { GoamlFileError, importGoaml, type GoamlBatch, type GoamlImportOutcome } from '../../../../shared/interop/goaml';
import { ftmFileTooLarge, importFtmLines } from '../../../../shared/interop/ftm';
import type { SourceFile } from '../../../../shared/model';
import { abortImport, AlreadyImportedError, appendChunk, beginImport, existingRecordIds, findCommittedImport, finishImport } from '../../../db/imports';
import { CHUNK_ROWS, type CaudalDatabase } from '../../../db/schema';
import { appendRelationships, discardRelationships, existingRelationshipIds } from '../../interop/relationshipStore';
import type { FromGoamlWorker, GoamlJob } from './goamlProtocol';
import { blobSource, sha256Of, WriteQueue } from '../../../workers/fileJob';

const PROGRESS_INTERVAL_MS = 100;
/** Chunk writes in flight while parsing goes on (as the CSV import does): overlap without holding many chunks. */
const MAX_WRITES_IN_FLIGHT = 6;

/**
 * An FtM file in the same pipeline: read whole (entities point at each other
 * across the file), converted, then written in chunk-sized batches, skipping
 * what the case already holds.
 */
async function ftmOutcome(
  job: GoamlJob,
  sha256: string,
  existing: { transactions: Set<string>; parties: Set<string>; accounts: Set<string>; relationships: Set<string> },
  write: (batch: GoamlBatch) => Promise<void>,
): Promise<GoamlImportOutcome> {
  const tooLarge = ftmFileTooLarge(job.name, job.size);
  if (tooLarge) throw new GoamlFileError('too-large', tooLarge.en, tooLarge.es);
  const result = importFtmLines(await job.blob.text(), { sha256, fileName: job.name });
  const fresh = <T extends { id: string }>(records: T[], seen: Set<string>) => records.filter((record) => !seen.has(record.id) && (seen.add(record.id), true));
  const transactions = fresh(result.transactions, existing.transactions);
  const batch: GoamlBatch = { transactions, parties: fresh(result.parties, existing.parties), accounts: fresh(result.accounts, existing.accounts), relationships: fresh(result.relationships, existing.relationships) };
  for (let start = 0; start < Math.max(batch.transactions.length, batch.parties.length, batch.accounts.length, batch.relationships.length); start += CHUNK_ROWS) {
    const slice = (records: readonly unknown[]) => records.slice(start, start + CHUNK_ROWS);
    await write({ transactions: slice(batch.transactions) as GoamlBatch['transactions'], parties: slice(batch.parties) as GoamlBatch['parties'], accounts: slice(batch.accounts) as GoamlBatch['accounts'], relationships: slice(batch.relationships) as GoamlBatch['relationships'] });
  }
  const duplicates = result.transactions.length - transactions.length;
  // Entities that only carry data for others (Identification, Caudal's derived wording) are not units of their own.
  const counts = { read: result.counts.read - result.counts.ignored, imported: result.counts.imported - duplicates, quarantined: result.counts.quarantined, duplicates };
  const written = { transactions: batch.transactions.length, parties: batch.parties.length, accounts: batch.accounts.length, relationships: batch.relationships.length };
  return {
    file: { sha256, name: job.name, size: job.size, kind: 'transaction', importedAt: Date.now(), mappingName: 'FollowTheMoney', mapping: { format: 'ftm', written, ignored: result.counts.ignored }, encoding: 'UTF-8', delimiter: '', counts },
    quarantine: result.quarantine,
    counts,
    reports: [],
    unknownCodes: [],
    written,
  };
}

const cancelled = () => Object.assign(new Error('The import was cancelled.'), { name: 'AbortError' });

/**
 * One goAML file, start to staged, with the CSV import's guarantees: refused
 * if its bytes are already committed in the case (SHA-256), written as chunks
 * of a *pending* import (transactions, parties, accounts; links in the v7
 * table), and discarded whole on cancel or failure. The caller commits.
 */
export async function runGoamlJob(db: CaudalDatabase, job: GoamlJob, signal: AbortSignal, post: (message: FromGoamlWorker) => void): Promise<void> {
  const startedAt = performance.now();
  let lastPost = 0;
  const progress = (phase: 'hashing' | 'reading' | 'finishing', bytes: number, units: number, force = false) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
    lastPost = now;
    post({ type: 'progress', progress: { phase, bytes, totalBytes: job.size, units, elapsedMs: now - startedAt } });
  };
  let importId: string | null = null;
  const writes = new WriteQueue(MAX_WRITES_IN_FLIGHT);
  try {
    progress('hashing', 0, 0, true);
    const sha256 = await sha256Of(job, signal);
    if (signal.aborted) throw cancelled();
    const hashMs = performance.now() - startedAt;
    const previous = await findCommittedImport(db, job.caseId, sha256);
    if (previous) {
      post({ type: 'already-imported', previous: previous.file });
      return;
    }
    const placeholder: SourceFile = {
      sha256,
      name: job.name,
      size: job.size,
      kind: 'transaction',
      importedAt: Date.now(),
      mappingName: 'goAML',
      mapping: { format: 'goaml' },
      encoding: 'UTF-8',
      delimiter: '',
      counts: { read: 0, imported: 0, quarantined: 0, duplicates: 0 },
    };
    importId = await beginImport(db, job.caseId, placeholder);
    const id = importId;
    // Links left by an earlier run of the same file that never committed (a crash) must not mix in.
    await discardRelationships(db, id);
    post({ type: 'begun', importId: id });
    const [transactions, parties, accounts, relationships] = await Promise.all([
      existingRecordIds(db, job.caseId, 'transaction'),
      existingRecordIds(db, job.caseId, 'party'),
      existingRecordIds(db, job.caseId, 'account'),
      existingRelationshipIds(db, job.caseId),
    ]);

    let chunkIndex = 0;
    let linkIndex = 0;
    const parseStartedAt = performance.now();
    const writeBatch = async (batch: GoamlBatch) => {
      // One chunk per kind per batch; chunk indexes run across kinds, as the case reader expects one sequence per import.
      // Writes are started here (each chunk serialised now) and commit while the parser reads on; a few stay in flight.
      if (batch.transactions.length > 0) writes.start(appendChunk(db, id, job.caseId, 'transaction', chunkIndex++, batch.transactions));
      if (batch.parties.length > 0) writes.start(appendChunk(db, id, job.caseId, 'party', chunkIndex++, batch.parties));
      if (batch.accounts.length > 0) writes.start(appendChunk(db, id, job.caseId, 'account', chunkIndex++, batch.accounts));
      if (batch.relationships.length > 0) writes.start(appendRelationships(db, id, job.caseId, linkIndex++, batch.relationships));
      await writes.throttle();
    };
    const outcome =
      job.format === 'ftm'
        ? await ftmOutcome(job, sha256, { transactions, parties, accounts, relationships }, writeBatch)
        : await importGoaml(blobSource(job), {
      sha256,
      codes: job.codes,
      defaultCurrency: job.defaultCurrency,
      existing: { transactions, parties, accounts, relationships },
      batchSize: CHUNK_ROWS,
      signal,
      onBatch: writeBatch,
      onProgress: (read) => progress('reading', read.bytesRead, read.rowsRead),
    });
    progress('finishing', job.size, outcome.counts.read, true);
    await writes.drain();
    if (signal.aborted) throw cancelled();
    await finishImport(db, id, outcome.file, outcome.quarantine);
    const finishedAt = performance.now();
    post({
      type: 'staged',
      importId: id,
      file: outcome.file,
      quarantine: outcome.quarantine,
      reports: outcome.reports,
      unknownCodes: outcome.unknownCodes,
      written: outcome.written,
      timings: { hashMs, parseAndWriteMs: finishedAt - parseStartedAt, totalMs: finishedAt - startedAt },
    });
  } catch (error) {
    // No write may land after the discard.
    await writes.settle();
    if (importId) {
      await abortImport(db, importId).catch(() => undefined);
      await discardRelationships(db, importId).catch(() => undefined);
    }
    if ((error instanceof Error && error.name === 'AbortError') || signal.aborted) post({ type: 'cancelled' });
    else if (error instanceof AlreadyImportedError) post({ type: 'already-imported', previous: error.previous });
    else if (error instanceof GoamlFileError) post({ type: 'failed', message: error.message, code: error.code, ...(error.messageEs ? { messageEs: error.messageEs } : {}) });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
