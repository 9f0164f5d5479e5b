import { jsPDF } from 'jspdf';
import type { AuditEntry, ChainVerification } from './chain';

export interface AuditFilter {
  action?: string;
  caseId?: string;
  analystId?: string;
  /** Free text matched against the entry's parameters, case and analyst name (case-insensitive). */
  text?: string;
}

export function filterAuditEntries(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const needle = filter.text?.trim().toLowerCase() ?? '';
  return entries.filter(
    (entry) =>
      (!filter.action || entry.action === filter.action) &&
      (!filter.caseId || entry.caseId === filter.caseId) &&
      (!filter.analystId || entry.analyst.id === filter.analystId) &&
      (!needle || `${entry.analyst.name} ${entry.caseId ?? ''} ${JSON.stringify(entry.params)}`.toLowerCase().includes(needle)),
  );
}

/**
 * JSON lines, one entry per line exactly as stored (hash and signature
 * included), so an expert can re-check the chain with shared/audit or any
 * SHA-256 + Ed25519 tool without Caudal.
 */
export const auditToJsonLines = (entries: readonly AuditEntry[]): string => entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length > 0 ? '\n' : '');

export function parseAuditJsonLines(text: string): AuditEntry[] {
  return text
    .split('\n')
    .map((line, index) => [line.trim(), index + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, number]) => {
      try {
        return JSON.parse(line) as AuditEntry;
      } catch {
        throw new Error(`line ${number}: not a JSON audit entry`);
      }
    });
}

/**
 * A parameter that records a moment ("ranAt", "createdAt") as epoch milliseconds: a reader of the trail (a court)
 * reads it as a UTC date and time, not as 1796431598814. The stored entry and its hash keep the number.
 */
function isInstant(key: string, value: unknown): value is number {
  return key.endsWith('At') && typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 8.64e15;
}

/** Longest reading of one parameter in the table and the annex; the JSON-lines export keeps every value whole. */
const PARAMETER_TEXT_LIMIT = 160;

/**
 * A value as a reader takes it in: nested counts as "read 71, imported 71, lines (total 72, header 1)", not as
 * JSON with its quotes and braces (the file-import entries showed `{"read":71,"imported":71,…`).
 */
/** How a reader's language names parameters and the few coded values they take (a triage status, a record kind). */
export interface ParamWording {
  label(key: string): string;
  value(key: string, value: string): string;
  /** A count or size as the reader writes numbers ("14.377" in Spanish); stored as written when absent. */
  number?(value: number): string;
}

const STORED_WORDING: ParamWording = { label: (key) => key, value: (_key, value) => value };

function readableValue(key: string, value: unknown, wording: ParamWording): string {
  if (isInstant(key, value)) return new Date(value).toISOString().replace('.000Z', 'Z');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return wording.value(key, value);
  if (typeof value === 'number' && wording.number) return wording.number(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map((item) => readableValue('', item, wording)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([inner, item]) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? `${wording.label(inner)} (${readableValue(inner, item, wording)})` : `${wording.label(inner)} ${readableValue(inner, item, wording)}`))
    .join(', ');
}

/**
 * A one-line reading of an entry's parameters for tables and the PDF annex. `wording` names parameters and coded
 * values in the reader's language ("archivo" for fileName, "escalada" for escalated); the JSON-lines export keeps
 * the stored names, which is what an expert checks against.
 */
export function summariseParams(entry: AuditEntry, wording: ParamWording = STORED_WORDING): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.params)) {
    if (key === 'profile' || key === 'mapping' || key === 'decision' || key === 'undone' || key === 'alertIds') continue;
    const text = readableValue(key, value, wording);
    parts.push(`${wording.label(key)}: ${text.length > PARAMETER_TEXT_LIMIT ? `${text.slice(0, PARAMETER_TEXT_LIMIT - 1)}…` : text}`);
  }
  return parts.join('; ');
}

export interface AuditPdfInput {
  title: string;
  subtitle: string;
  generatedAt: string;
  chainLine: string;
  headers: [string, string, string, string, string, string];
  entries: readonly AuditEntry[];
  formatTime(at: number): string;
  actionLabel(action: string): string;
  /** Parameters in the reader's language (see summariseParams). */
  wording?: ParamWording;
}

/**
 * The audit annex for a court file: every entry with its sequence number,
 * time, analyst, action, case, parameters and the first 16 hex digits of its
 * hash, and on the first page the result of the chain check. The JSON-lines
 * export carries the full hashes and signatures.
 */
export function buildAuditPdf(input: AuditPdfInput): Uint8Array {
  const doc = new jsPDF({ format: 'a4', orientation: 'landscape', unit: 'mm', compress: true });
  doc.setProperties({ title: input.title, creator: 'Caudal' });
  const width = doc.internal.pageSize.getWidth();
  const height = doc.internal.pageSize.getHeight();
  const columns = [10, 22, 62, 102, 142, 240];
  let y = 14;
  doc.setFontSize(14);
  doc.text(input.title, 10, y);
  doc.setFontSize(9);
  y += 6;
  doc.text(input.subtitle, 10, y);
  y += 5;
  doc.text(input.generatedAt, 10, y);
  y += 5;
  doc.text(doc.splitTextToSize(input.chainLine, width - 20) as string[], 10, y);
  y += 8;
  const header = () => {
    doc.setFont('helvetica', 'bold');
    input.headers.forEach((label, index) => doc.text(label, columns[index] ?? 10, y));
    doc.setFont('helvetica', 'normal');
    y += 5;
  };
  header();
  doc.setFontSize(8);
  for (const entry of input.entries) {
    const details = doc.splitTextToSize(summariseParams(entry, input.wording), columns[5]! - columns[4]! - 4) as string[];
    const rowHeight = Math.max(1, details.length) * 3.6 + 1.5;
    if (y + rowHeight > height - 10) {
      doc.addPage();
      y = 14;
      header();
    }
    doc.text(String(entry.seq), columns[0]!, y);
    doc.text(input.formatTime(entry.at), columns[1]!, y);
    doc.text(doc.splitTextToSize(entry.analyst.name, 38) as string[], columns[2]!, y);
    doc.text(input.actionLabel(entry.action), columns[3]!, y);
    doc.text(details, columns[4]!, y);
    doc.text(entry.hash.slice(0, 16), columns[5]!, y);
    y += rowHeight;
  }
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    doc.setFontSize(7);
    doc.text(`${page} / ${pages}`, width - 20, height - 5);
  }
  return new Uint8Array(doc.output('arraybuffer'));
}

export function chainSummary(chain: ChainVerification, words: { intact: string; broken: string }): string {
  return chain.ok ? words.intact : `${words.broken} ${chain.problem?.detail ?? ''}`.trim();
}
