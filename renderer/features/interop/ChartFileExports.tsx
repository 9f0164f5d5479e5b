import { useState } from 'react';
import type { GraphView } from '../../../shared/graph';
import { ftmJsonLines } from '../../../shared/interop/ftm';
import { toGexf, toGraphml } from '../../../shared/interop/graphFiles';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import type { GraphCanvasHandle } from '../../graph-canvas';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { recordSignedExport } from '../audit/custodyFiles';
import { chartDataset, chartExportGraph } from './chartGraph';
import { loadCaseRelationships } from './relationshipStore';

/** GEXF (Gephi), GraphML and FtM of the chart as drawn: one row in the chart's export dialog. */
export function ChartFileExports({ chart, view }: { chart: GraphCanvasHandle; view: GraphView }) {
  const { t } = useI18n();
  const { caseRow, dataset } = useWorkspace();
  const [saved, setSaved] = useState<string | null>(null);
  if (!caseRow || !dataset) return null;
  const base = `${caseRow.number.replace(/[^\w.-]+/g, '_')}-${view}`;
  const empty = chart.nodeCount() === 0;
  const graph = () => chartExportGraph({ title: `${caseRow.number} · ${caseRow.name}`, view, dataset, positions: chart.getPositions(), drawnEdges: chart.getDrawnEdges() });
  const save = async (name: string, data: string, mimeType: string, extension: string) => {
    const result = await platform.saveFile({ suggestedName: name, data, mimeType, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] });
    // Issue 12: logged and signed like every export (the export dialog shows the signature under it).
    if (result.saved) await recordSignedExport(database(), { format: extension === 'json' ? 'ftm' : extension, caseId: caseRow.id, profileId: caseRow.profileId, fileName: name, data, filters: { view }, selection: Object.keys(chart.getPositions()).sort() });
    if (result.saved) setSaved(name);
  };
  const ftm = async () => {
    const part = chartDataset(dataset, chart.getDrawnEdges());
    const accounts = new Set(part.accounts.map((account) => account.id));
    const relationships = (await loadCaseRelationships(database(), caseRow.id)).filter((link) => link.targetKind === 'party' || accounts.has(link.targetId));
    await save(`${base}.ftm.json`, [...ftmJsonLines({ ...part, relationships })].join(''), 'application/json', 'json');
  };
  return (
    <section className="export-row" data-testid="export-interop">
      <strong>{t('interop.chart.title')}</strong>
      <button type="button" disabled={empty} data-testid="export-gexf-save" onClick={() => void save(`${base}.gexf`, toGexf(graph()), 'application/gexf+xml', 'gexf')}>
        GEXF (Gephi)
      </button>
      <button type="button" disabled={empty} data-testid="export-graphml-save" onClick={() => void save(`${base}.graphml`, toGraphml(graph()), 'application/graphml+xml', 'graphml')}>
        GraphML
      </button>
      <button type="button" disabled={empty} data-testid="export-ftm-save" onClick={() => void ftm()}>
        FtM
      </button>
      {saved && <span className="muted" data-testid="export-interop-saved">{t('interop.chart.saved', { name: saved })}</span>}
    </section>
  );
}
