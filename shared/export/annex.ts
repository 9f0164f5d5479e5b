import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { CaseDataset, Transaction } from '../model';
import { toCsv } from '../csv';
import { gradeOfSource } from '../graph/grading';

/** An edge as drawn on a chart: the annex lists every transaction behind it. */
export interface DrawnEdgeRef {
  id: string;
  source: string;
  target: string;
  transactionIds: readonly string[];
}

/** One line of the evidence annex: a transaction, the drawn edge it sits under, and where it came from. */
export interface AnnexRow {
  edge: string;
  from: string;
  to: string;
  transactionId: string;
  timestamp: number;
  fromAccount: string;
  toAccount: string;
  amount: number;
  currency: string;
  channel: string;
  sourceFile: string;
  sourceSha256: string;
  sourceLine: number;
  /** The Admiralty grade the analyst gave the source file or goAML report (issue 15), e.g. "B2"; absent when ungraded. Not part of the evidence hash: it is an assessment, not evidence. */
  grade?: string;
}

/**
 * Every transaction under every drawn edge, in a canonical order (edge, then
 * date, then id), so the same chart over the same data always yields the same
 * rows and therefore the same hash. `fileNames` maps a source file's SHA-256
 * to the name the analyst imported it under; `gradeOfFile` maps a file's
 * SHA-256 (or a goAML report's key, see reportGradeKey) to its grade.
 */
export function buildEvidenceAnnex(edges: readonly DrawnEdgeRef[], dataset: Pick<CaseDataset, 'transactions'>, fileNames: ReadonlyMap<string, string> = new Map(), gradeOfFile: ReadonlyMap<string, string> = new Map()): AnnexRow[] {
  const wanted = new Set<string>();
  for (const edge of edges) for (const id of edge.transactionIds) wanted.add(id);
  const byId = new Map<string, Transaction>();
  for (const transaction of dataset.transactions) if (wanted.has(transaction.id)) byId.set(transaction.id, transaction);
  const rows: AnnexRow[] = [];
  const sortedEdges = [...edges].sort((a, b) => compare(a.id, b.id));
  for (const edge of sortedEdges) {
    const transactions = edge.transactionIds.map((id) => byId.get(id)).filter((t): t is Transaction => t !== undefined);
    transactions.sort((a, b) => a.timestamp - b.timestamp || compare(a.id, b.id));
    for (const transaction of transactions) {
      rows.push({
        edge: edge.id,
        from: edge.source,
        to: edge.target,
        transactionId: transaction.id,
        timestamp: transaction.timestamp,
        fromAccount: transaction.fromAccount,
        toAccount: transaction.toAccount,
        amount: transaction.amount,
        currency: transaction.currency,
        channel: transaction.channel,
        sourceFile: fileNames.get(transaction.source.file) ?? transaction.source.file.slice(0, 12),
        sourceSha256: transaction.source.file,
        sourceLine: transaction.source.line,
        ...withGrade(gradeOfSource(transaction.source, gradeOfFile)),
      });
    }
  }
  return rows;
}

const withGrade = (grade: string | undefined) => (grade === undefined ? {} : { grade });

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * SHA-256 over the annex's data fields (not over file names the analyst may
 * rename): the fingerprint printed on a chart so a court can check that two
 * exports show the same evidence.
 */
export function evidenceHash(rows: readonly AnnexRow[]): string {
  const canonical = rows
    .map((row) => [row.edge, row.transactionId, row.timestamp, row.fromAccount, row.toAccount, row.amount, row.currency, row.channel, row.sourceSha256, row.sourceLine].join('\u001f'))
    .join('\u001e');
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

/** `source_grade` is the Admiralty grade (A–F, 1–6) of the row's file or goAML report; empty when the analyst has not graded it. */
export const ANNEX_COLUMNS = ['edge', 'from', 'to', 'transaction_id', 'date_utc', 'from_account', 'to_account', 'amount', 'currency', 'channel', 'source_file', 'source_sha256', 'source_line', 'source_grade'] as const;

/**
 * RFC 4180 CSV (UTF-8 with BOM so Excel opens accents correctly); amounts with a dot, dates ISO 8601.
 * Written by the shared CSV writer (shared/csv, issue 10): text cells are guarded against formula
 * injection, amounts and line numbers stay numbers in their own columns.
 */
export function annexToCsv(rows: readonly AnnexRow[]): string {
  return toCsv(
    ANNEX_COLUMNS,
    rows.map((row) => [row.edge, row.from, row.to, row.transactionId, new Date(row.timestamp).toISOString(), row.fromAccount, row.toAccount, row.amount, row.currency, row.channel, row.sourceFile, row.sourceSha256, row.sourceLine, row.grade ?? '']),
    { bom: true },
  );
}
