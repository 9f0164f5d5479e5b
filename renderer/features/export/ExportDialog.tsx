import { useEffect, useRef, useState } from 'react';
import './export.css';
import { annexToCsv, PAGE_FORMATS, type LegendEntry, type PageFormat, type PageOrientation } from '../../../shared/export';
import type { GraphView, LinkMode, StyleRule } from '../../../shared/graph';
import { BUILTIN_PROFILES } from '../../../shared/profiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { ALERT_COLOUR, EVIDENCE_COLOUR, KIND_COLOURS, NODE_KINDS, PARTNER_COLOUR, THIRD_PARTY_COLOUR, WATCHLIST_COLOUR, type GraphCanvasHandle } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { partnerCaveatFor } from '../share/partnerCaveat';
import { stampCsv, stampPng, stampSvg } from '../share/caveatStamp';
import { chartEvidence, type ChartEvidence } from './evidence';
import { buildChartPdfInWorker } from './chartPdfClient';
import { isTaskCancelled } from '../../workers/task';
import { recordSignedExport } from '../audit/custodyFiles';
import { ExportCustodyNotice } from '../audit/ExportCustodyNotice';
import { ChartFileExports } from '../interop/ChartFileExports';

export interface ExportDialogProps {
  chart: GraphCanvasHandle;
  view: GraphView;
  /** How links are summarised on the chart: the PDF legend says so, and the annex lists rows under the lines as drawn. */
  linkMode?: LinkMode;
  /** Styling rules in force: each is a legend entry in the PDF, as on screen. */
  rules?: readonly StyleRule[];
  /** Drawn nodes carrying a screening mark: the PDF legend explains the double border when there are any. */
  screened?: number;
  onClose(): void;
}

type Status = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

const TILE_CHOICES = [
  { columns: 1, rows: 1 },
  { columns: 2, rows: 1 },
  { columns: 2, rows: 2 },
  { columns: 3, rows: 3 },
];

/**
 * Every export of the chart in one place. The PDF and the annex list the
 * transactions under the edges drawn right now, so what the prosecutor reads
 * is what the analyst sees.
 */
export function ExportDialog({ chart, view, linkMode = 'direction', rules = [], screened = 0, onClose }: ExportDialogProps) {
  const { t, language, number } = useI18n();
  const { caseRow, dataset, overlay } = useWorkspace();
  const [evidence, setEvidence] = useState<ChartEvidence | null>(null);
  const [caveat, setCaveat] = useState<string | null>(null);
  const [unitName, setUnitName] = useState('');
  const [pngScale, setPngScale] = useState<2 | 4>(2);
  const [format, setFormat] = useState<PageFormat>('a4');
  const [orientation, setOrientation] = useState<PageOrientation>('landscape');
  const [tiles, setTiles] = useState(0);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  /** Work in a worker (the PDF) ends with the dialog: closing it mid-build leaves nothing running. */
  const closing = useRef(new AbortController());
  useEffect(() => {
    // Made here, not only at first render: a remount (React's strict mode does one) must not inherit an aborted signal.
    const controller = new AbortController();
    closing.current = controller;
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!caseRow || !dataset) return;
    let live = true;
    const db = database();
    void (async () => {
      const [found, partner, custom] = await Promise.all([chartEvidence(db, caseRow.id, chart.getDrawnEdges(), dataset), partnerCaveatFor(caseRow, overlay), db.profiles.get(caseRow.profileId)]);
      if (!live) return;
      setEvidence(found);
      setCaveat(partner?.stamp(language) ?? null);
      const profile = custom?.profile ?? BUILTIN_PROFILES.find((candidate) => candidate.id === caseRow.profileId);
      setUnitName(profile ? `${profile.unit} — ${profile.name}` : caseRow.profileId);
    })();
    return () => {
      live = false;
    };
  }, [caseRow, dataset, chart, language, overlay]);

  if (!caseRow) return null;
  const baseName = `${caseRow.number}-${view}`.replace(/[^\w.-]+/g, '_');

  const run = async (work: () => Promise<{ saved: boolean; name: string }>) => {
    setStatus({ kind: 'working' });
    try {
      const result = await work();
      setStatus({ kind: 'done', message: result.saved ? t('export.saved', { name: result.name }) : t('export.cancelled') });
    } catch (error) {
      if (isTaskCancelled(error)) return; // The dialog closed: nobody is there to read a status.
      setStatus({ kind: 'error', message: t('export.failed', { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  const save = async (name: string, data: Blob | Uint8Array | string, mimeType: string, extension: string) => {
    const result = await platform.saveFile({ suggestedName: name, data, mimeType, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
    // Issue 12: logged (export.chart) and signed, the signature and analysis manifest offered under the dialog to save beside the export.
    if (result.saved) await recordSignedExport(database(), { format: extension, evidenceHash: evidence?.hash, caseId: caseRow.id, profileId: caseRow.profileId, fileName: name, data, filters: { view, linkMode }, selection: Object.keys(chart.getPositions()).sort() });
    return { saved: result.saved, name };
  };

  const legend = (): LegendEntry[] => [
    ...NODE_KINDS.filter((kind) => (view === 'trade' ? kind !== 'account' : kind === 'account' || kind === 'person' || kind === 'company')).map(
      (kind): LegendEntry => ({ label: t(`export.kind.${kind}`), colour: KIND_COLOURS[kind], mark: 'node' }),
    ),
    { label: t('export.legendAlerted'), colour: ALERT_COLOUR, mark: 'node' },
    { label: t('export.legendEvidence'), colour: EVIDENCE_COLOUR, mark: 'line' },
    ...(view === 'trade' ? [{ label: t('export.legendThirdParty'), colour: THIRD_PARTY_COLOUR, mark: 'line' as const }] : []),
    { label: t('export.legendPartner'), colour: PARTNER_COLOUR, mark: 'dashed' },
    { label: t(`export.legendLinks.${linkMode}`), colour: '#8792a6', mark: 'line' },
    ...(screened > 0 ? [{ label: t('export.legendScreened', { count: number(screened) }), colour: WATCHLIST_COLOUR, mark: 'node' as const }] : []),
    ...rules.map((rule): LegendEntry => ({ label: `${rule.style.badge ? `[${rule.style.badge}] ` : ''}${t('export.legendRule', { name: rule.name })}`, colour: rule.style.colour ?? rule.style.border ?? '#8792a6', mark: rule.target === 'node' ? 'node' : 'line' })),
  ];

  const exportPdf = () =>
    run(async () => {
      if (!evidence) throw new Error('evidence not ready');
      const png = new Uint8Array(await (await chart.exportPng(2)).arrayBuffer());
      const pdf = await buildChartPdfInWorker({
        language,
        format,
        orientation,
        tiles: TILE_CHOICES[tiles] ?? { columns: 1, rows: 1 },
        title: t(`export.viewTitle.${view}`),
        caseInfo: { number: caseRow.number, name: caseRow.name, unit: unitName, analyst: caseRow.analyst, classification: caseRow.classification },
        exportedAt: Date.now(),
        chartPng: png,
        legend: legend(),
        annex: evidence.rows,
        dataHash: evidence.hash,
        ...(caveat ? { caveat } : {}),
      }, closing.current.signal);
      return save(`${baseName}.pdf`, pdf, 'application/pdf', 'pdf');
    });

  const empty = chart.nodeCount() === 0;
  const busy = status.kind === 'working';
  return (
    <div className="export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog">
      <div className="export-card panel">
        <header className="export-header">
          <h2 id="export-title">{t('export.title')}</h2>
          <button type="button" onClick={onClose} data-testid="export-close">{t('common.close')}</button>
        </header>
        <p className="muted">{t('export.intro')}</p>
        {empty && <p className="error">{t('export.empty')}</p>}
        {caveat && <p className="export-caveat" data-testid="export-caveat">{t('export.partnerCaveat')}</p>}
        {evidence && (
          <p data-testid="export-summary">
            {t('export.summary', { edges: number(evidence.edgeCount), transactions: number(evidence.rows.length) })}
            <br />
            <span className="muted">{t('export.hash')}: </span>
            <code data-testid="export-hash">{evidence.hash}</code>
          </p>
        )}
        <section className="export-row">
          <strong>{t('export.png')}</strong>
          <label>
            {t('export.pngScale')}{' '}
            <select value={pngScale} onChange={(event) => setPngScale(event.target.value === '4' ? 4 : 2)} data-testid="export-png-scale">
              <option value="2">×2</option>
              <option value="4">×4</option>
            </select>
          </label>
          <button type="button" disabled={busy || empty} data-testid="export-png-save" onClick={() => run(async () => save(`${baseName}-x${pngScale}.png`, caveat ? await stampPng(await chart.exportPng(pngScale), caveat) : await chart.exportPng(pngScale), 'image/png', 'png'))}>
            {t('export.saveButton')}
          </button>
        </section>
        <section className="export-row">
          <strong>{t('export.svg')}</strong>
          <button type="button" disabled={busy || empty} data-testid="export-svg-save" onClick={() => run(async () => save(`${baseName}.svg`, caveat ? stampSvg(chart.exportSvg(), caveat) : chart.exportSvg(), 'image/svg+xml', 'svg'))}>
            {t('export.saveButton')}
          </button>
        </section>
        <ChartFileExports chart={chart} view={view} />
        <section className="export-row export-pdf">
          <div>
            <strong>{t('export.pdf')}</strong>
            <p className="muted">{t('export.pdfHint')}</p>
          </div>
          <label>
            {t('export.format')}{' '}
            <select value={format} onChange={(event) => setFormat(event.target.value as PageFormat)} data-testid="export-pdf-format">
              {PAGE_FORMATS.map((candidate) => (
                <option key={candidate} value={candidate}>{candidate === 'letter' ? 'Letter' : candidate.toUpperCase()}</option>
              ))}
            </select>
          </label>
          <label>
            {t('export.orientation')}{' '}
            <select value={orientation} onChange={(event) => setOrientation(event.target.value === 'portrait' ? 'portrait' : 'landscape')} data-testid="export-pdf-orientation">
              <option value="landscape">{t('export.landscape')}</option>
              <option value="portrait">{t('export.portrait')}</option>
            </select>
          </label>
          <label>
            {t('export.tiles')}{' '}
            <select value={tiles} onChange={(event) => setTiles(Number(event.target.value))} data-testid="export-pdf-tiles">
              {TILE_CHOICES.map((choice, index) => (
                <option key={index} value={index}>{index === 0 ? t('export.tilesOne') : t('export.tilesGrid', choice)}</option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" disabled={busy || empty || !evidence} data-testid="export-pdf-save" onClick={exportPdf}>
            {t('export.saveButton')}
          </button>
        </section>
        <section className="export-row">
          <strong>{t('export.annexCsv')}</strong>
          <button type="button" disabled={busy || !evidence} data-testid="export-annex-save" onClick={() => run(async () => save(`${baseName}-annex.csv`, caveat ? stampCsv(annexToCsv(evidence?.rows ?? []), caveat) : annexToCsv(evidence?.rows ?? []), 'text/csv', 'csv'))}>
            {t('export.saveButton')}
          </button>
        </section>
        <p role="status" data-testid="export-status" className={status.kind === 'error' ? 'error' : 'muted'}>
          {status.kind === 'working' ? t('export.working') : status.kind === 'done' || status.kind === 'error' ? status.message : ''}
        </p>
        <ExportCustodyNotice />
      </div>
    </div>
  );
}
