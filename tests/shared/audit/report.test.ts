import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sealAuditEntry, verifyAuditChain, type AuditEntry, type AuditSigner } from '../../../shared/audit';
import { auditToJsonLines, buildAuditPdf, filterAuditEntries, parseAuditJsonLines, summariseParams } from '../../../shared/audit/report';

function signer(name: string): AuditSigner {
  const secretKey = ed25519.utils.randomSecretKey();
  return { analyst: { id: `id-${name}`, name, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) }, secretKey };
}

function sampleLog(): AuditEntry[] {
  const ana = signer('Ana');
  const luis = signer('Luis');
  const steps = [
    [ana, { action: 'case.create', caseId: 'c1', params: { number: 'UIAF-1' } }],
    [ana, { action: 'import.commit', caseId: 'c1', params: { file: 'extracto.csv' }, inputs: ['a'.repeat(64)] }],
    [luis, { action: 'triage.change', caseId: 'c1', params: { alertId: 'fan-in:1', status: 'escalated', profile: { big: true } } }],
    [ana, { action: 'case.create', caseId: 'c2', params: { number: 'UIAF-2' } }],
  ] as const;
  const log: AuditEntry[] = [];
  for (const [by, entry] of steps) log.push(sealAuditEntry(log.at(-1) ?? null, { ...entry, params: { ...entry.params } }, by, 1_700_000_000_000 + log.length));
  return log;
}

describe('audit report', () => {
  it('filters by action, case, analyst and free text', () => {
    const log = sampleLog();
    expect(filterAuditEntries(log, { action: 'case.create' }).map((entry) => entry.seq)).toEqual([1, 4]);
    expect(filterAuditEntries(log, { caseId: 'c1' }).map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(filterAuditEntries(log, { analystId: 'id-Luis' }).map((entry) => entry.seq)).toEqual([3]);
    expect(filterAuditEntries(log, { text: 'EXTRACTO' }).map((entry) => entry.seq)).toEqual([2]);
  });

  it('round-trips JSON lines exactly, so the export verifies outside the app', () => {
    const log = sampleLog();
    const text = auditToJsonLines(log);
    expect(text.split('\n').filter(Boolean)).toHaveLength(4);
    const parsed = parseAuditJsonLines(text);
    expect(parsed).toEqual(log);
    expect(verifyAuditChain(parsed).ok).toBe(true);
    expect(() => parseAuditJsonLines('{"seq":1}\nnot json\n')).toThrow(/line 2/);
  });

  it('summarises parameters without the bulky ones, and writes a PDF', () => {
    const log = sampleLog();
    expect(summariseParams(log[2]!)).toBe('alertId: fan-in:1; status: escalated');
    // Moments recorded as epoch milliseconds read as UTC dates; other numbers stay numbers.
    const run = { ...log[3]!, params: { alerts: 41, ranAt: 1_796_431_598_814, at: 5 } };
    expect(summariseParams(run)).toBe('alerts: 41; ranAt: 2026-12-05T00:46:38.814Z; at: 5');
    // Nested counts read as words and numbers, not as JSON; a long value is cut with an ellipsis.
    const imported = { ...log[3]!, params: { file: 'parties.csv', counts: { read: 552, imported: 552, quarantined: 0, lines: { total: 553, header: 1 } }, notes: ['a', null] } };
    expect(summariseParams(imported)).toBe('file: parties.csv; counts: read 552, imported 552, quarantined 0, lines (total 553, header 1); notes: a, —');
    // Names in the reader's language, nested ones too; a name without a label keeps its stored form.
    const spanish: Record<string, string> = { file: 'archivo', counts: 'conteos', read: 'leídas', lines: 'líneas' };
    const wording = { label: (key: string) => spanish[key] ?? key, value: (key: string, value: string) => (key === 'status' && value === 'escalated' ? 'escalada' : value) };
    expect(summariseParams(imported, wording)).toBe('archivo: parties.csv; conteos: leídas 552, imported 552, quarantined 0, líneas (total 553, header 1); notes: a, —');
    expect(summariseParams(log[2]!, wording)).toBe('alertId: fan-in:1; status: escalada');
    // Counts and sizes as the reader writes numbers; a moment stays an unambiguous UTC date.
    const spanishNumbers = { ...wording, number: (value: number) => value.toLocaleString('es-CO') };
    expect(summariseParams({ ...log[3]!, params: { size: 14377, counts: { read: 1_000_000 }, ranAt: 1_796_431_598_814 } }, spanishNumbers)).toBe('size: 14.377; conteos: leídas 1.000.000; ranAt: 2026-12-05T00:46:38.814Z');
    const long = summariseParams({ ...log[3]!, params: { names: Array.from({ length: 60 }, (_, k) => `name${k}`) } });
    expect(long.length).toBe('names: '.length + 160);
    expect(long.endsWith('…')).toBe(true);
    const pdf = buildAuditPdf({
      title: 'Audit',
      subtitle: '4 entries',
      generatedAt: 'now',
      chainLine: 'Chain intact',
      headers: ['#', 'Time', 'Analyst', 'Action', 'Details', 'Hash'],
      entries: log,
      formatTime: (at) => new Date(at).toISOString(),
      actionLabel: (action) => action,
    });
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
  });
});
