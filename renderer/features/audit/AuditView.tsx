import { useCallback, useEffect, useMemo, useState } from 'react';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { AUDIT_ACTIONS, type AuditEntry, type ChainVerification } from '../../../shared/audit';
import { auditToJsonLines, buildAuditPdf, filterAuditEntries, summariseParams, type AuditFilter, type ParamWording } from '../../../shared/audit/report';
import { readAuditLog, recordAudit, verifyStoredChain } from '../../db/audit';
import { database } from '../../db/database';
import { createCaseBackup } from '../../db/backup';
import { useWorkspace } from '../../app/workspace';
import type { CaseRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { useCustody } from '../lock/CustodyGate';
import { readIdleMinutes, writeIdleMinutes } from '../lock/idle';
import { saveRunManifest } from './custodyFiles';
import { ResealStatus } from './ResealStatus';
import './audit.css';

/** Parameters whose values are codes with a wording of their own (audit.value.<param>.<code>). */
const CODED_PARAMS = new Set(['status', 'change', 'kind', 'step', 'delimiter']);

export function AuditView() {
  const { t, dateTime, number } = useI18n();
  const custody = useCustody();
  const { caseRow } = useWorkspace();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [chain, setChain] = useState<ChainVerification | null>(null);
  const [cases, setCases] = useState<Map<string, CaseRow>>(new Map());
  const [filter, setFilter] = useState<AuditFilter>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [idleMinutes, setIdleMinutes] = useState(readIdleMinutes);

  const reload = useCallback(async () => {
    const db = database();
    const [log, verification, caseRows] = await Promise.all([readAuditLog(db), verifyStoredChain(db), db.cases.toArray()]);
    setEntries(log);
    setChain(verification);
    setCases(new Map(caseRows.map((row) => [row.id, row])));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const shown = useMemo(() => filterAuditEntries(entries, filter).reverse(), [entries, filter]);
  const analysts = useMemo(() => [...new Map(entries.map((entry) => [entry.analyst.id, entry.analyst.name])).entries()], [entries]);
  const caseIds = useMemo(() => [...new Set(entries.flatMap((entry) => (entry.caseId ? [entry.caseId] : [])))], [entries]);
  const caseLabel = (caseId: string | null) => {
    if (!caseId) return '';
    const row = cases.get(caseId);
    return row ? row.number : t('audit.filter.deletedCase', { id: caseId.slice(0, 8) });
  };
  const actionLabel = (action: string) => t(`audit.action.${action}`);
  // A parameter or value without wording of its own (a file name, a table a later version adds) stays as stored.
  const translatedOr = (key: string, stored: string) => {
    const text = t(key);
    return text === key ? stored : text;
  };
  const wording: ParamWording = {
    label: (key) => translatedOr(`audit.param.${key}`, key),
    value: (key, value) => (CODED_PARAMS.has(key) ? translatedOr(`audit.value.${key}.${value}`, value) : value),
    number: (value) => number(value),
  };

  const saveExport = async (name: string, data: Uint8Array | string, mimeType: string, extension: string) => {
    const result = await platform.saveFile({ suggestedName: name, data, mimeType, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
    if (!result.saved) return;
    const digest = bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
    await recordAudit(database(), { action: 'export.audit', caseId: filter.caseId ?? null, params: { format: extension, fileName: name, entries: shown.length, filter: { ...filter } }, outputs: [digest] });
    setNotice(t('audit.export.saved', { name }));
    await reload();
  };

  const exportJsonLines = () => saveExport('caudal-audit.jsonl', auditToJsonLines([...shown].reverse()), 'application/x-ndjson', 'jsonl');
  const exportPdf = () => {
    const ordered = [...shown].reverse();
    const filterText = [filter.action && actionLabel(filter.action), filter.caseId && caseLabel(filter.caseId), filter.text].filter(Boolean).join(', ');
    const pdf = buildAuditPdf({
      title: t('audit.pdf.title'),
      subtitle: t('audit.pdf.subtitle', { shown: number(ordered.length), total: number(entries.length), filter: filterText ? ` — ${filterText}` : '' }),
      generatedAt: t('audit.pdf.generated', { time: dateTime(Date.now()), analyst: custody.analyst.analyst.name, key: custody.analyst.analyst.publicKey.slice(0, 16) }),
      chainLine: chain?.ok ? t('audit.chain.ok', { count: number(chain.count) }) : t('audit.chain.broken', { seq: chain?.problem?.seq ?? '?', detail: chain?.problem ? t(`chain.problem.${chain.problem.reason}`, { seq: chain.problem.seq }) : '' }),
      headers: [t('audit.col.seq'), t('audit.col.time'), t('audit.col.analyst'), t('audit.col.action'), t('audit.col.details'), t('audit.col.hash')],
      entries: ordered,
      formatTime: dateTime,
      actionLabel,
      wording,
    });
    return saveExport('caudal-audit.pdf', pdf, 'application/pdf', 'pdf');
  };

  const backUp = async () => {
    if (!caseRow) return;
    const backup = await createCaseBackup(database(), caseRow.id, custody.analyst);
    const result = await platform.saveFile({ suggestedName: backup.fileName, data: backup.bytes, mimeType: 'application/octet-stream', filters: [{ name: 'Caudal backup', extensions: ['caudal-backup'] }] });
    if (result.saved) setNotice(t('audit.export.saved', { name: backup.fileName }));
    await reload();
  };

  const saveManifest = async (entry: AuditEntry) => {
    const found = await saveRunManifest(database(), entry, caseLabel(entry.caseId) || 'caudal');
    if (!found) setNotice(t('audit.manifest.missing'));
  };

  const setField = (field: keyof AuditFilter, value: string) => setFilter((current) => ({ ...current, [field]: value || undefined }));

  return (
    <section className="audit-view" data-testid="audit-view">
      <h2>{t('audit.title')}</h2>
      <p className="muted">{t('audit.intro')}</p>
      {chain && (
        <p className={chain.ok ? 'audit-chain ok' : 'audit-chain broken'} data-testid="audit-chain" data-ok={String(chain.ok)} role={chain.ok ? undefined : 'alert'}>
          {chain.ok ? t('audit.chain.ok', { count: number(chain.count) }) : t('audit.chain.broken', { seq: chain.problem?.seq ?? '?', detail: chain.problem ? t(`chain.problem.${chain.problem.reason}`, { seq: chain.problem.seq }) : '' })}{' '}
          <button type="button" data-testid="audit-recheck" onClick={() => void reload()}>
            {t('audit.chain.recheck')}
          </button>
        </p>
      )}
      <div className="audit-filters panel">
        <label>
          {t('audit.filter.action')}
          <select data-testid="audit-filter-action" value={filter.action ?? ''} onChange={(event) => setField('action', event.target.value)}>
            <option value="">{t('audit.filter.all')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.case')}
          <select data-testid="audit-filter-case" value={filter.caseId ?? ''} onChange={(event) => setField('caseId', event.target.value)}>
            <option value="">{t('audit.filter.all')}</option>
            {caseIds.map((id) => (
              <option key={id} value={id}>
                {caseLabel(id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.analyst')}
          <select data-testid="audit-filter-analyst" value={filter.analystId ?? ''} onChange={(event) => setField('analystId', event.target.value)}>
            <option value="">{t('audit.filter.all')}</option>
            {analysts.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.text')}
          <input data-testid="audit-filter-text" value={filter.text ?? ''} onChange={(event) => setField('text', event.target.value)} />
        </label>
        <span className="muted" data-testid="audit-count">
          {t('audit.shown', { shown: number(shown.length), total: number(entries.length) })}
        </span>
        <button type="button" data-testid="audit-export-jsonl" onClick={() => void exportJsonLines()}>
          {t('audit.export.jsonl')}
        </button>
        <button type="button" data-testid="audit-export-pdf" onClick={() => void exportPdf()}>
          {t('audit.export.pdf')}
        </button>
        <button type="button" data-testid="audit-backup" disabled={!caseRow} title={caseRow ? undefined : t('audit.backup.noCase')} onClick={() => void backUp()}>
          {t('audit.backup')}
        </button>
      </div>
      {notice && <p data-testid="audit-notice">{notice}</p>}
      <table className="data audit-table">
        <thead>
          <tr>
            <th className="num">{t('audit.col.seq')}</th>
            <th>{t('audit.col.time')}</th>
            <th>{t('audit.col.analyst')}</th>
            <th>{t('audit.col.action')}</th>
            <th>{t('audit.col.case')}</th>
            <th>{t('audit.col.details')}</th>
            <th>{t('audit.col.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.seq} data-testid="audit-row" data-action={entry.action} data-seq={entry.seq} className={chain?.problem && entry.seq >= chain.problem.seq ? 'untrusted' : undefined}>
              <td className="num">{entry.seq}</td>
              <td>{dateTime(entry.at)}</td>
              <td data-testid="audit-analyst">{entry.analyst.name}</td>
              <td>{actionLabel(entry.action)}</td>
              <td>{caseLabel(entry.caseId)}</td>
              <td className="audit-details">
                {summariseParams(entry, wording)}
                {entry.action === 'detection.run' && entry.outputs.length > 1 && (
                  <button type="button" className="audit-manifest" data-testid="audit-manifest" title={t('audit.manifest.title')} onClick={() => void saveManifest(entry)}>
                    {t('audit.manifest.download')}
                  </button>
                )}
              </td>
              <td>
                <code title={entry.hash}>{entry.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="audit-settings panel">
        <ResealStatus />
        <label>
          {t('audit.idle.label')}
          <input
            type="number"
            min={0}
            max={240}
            data-testid="audit-idle-minutes"
            value={idleMinutes}
            onChange={(event) => setIdleMinutes(Number(event.target.value))}
            onBlur={() => {
              const saved = writeIdleMinutes(idleMinutes);
              setIdleMinutes(saved);
              setNotice(t('audit.idle.saved', { minutes: saved }));
            }}
          />
        </label>
      </div>
    </section>
  );
}
