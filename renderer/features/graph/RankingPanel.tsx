import { useMemo, useState } from 'react';
import { mostConnected, RANK_BY, type Graph, type RankBy, type RankedNode } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';

export interface RankingPanelProps {
  graph: Graph | null;
  fxPerUsd: Record<string, number> | undefined;
  onHighlight(nodes: RankedNode[], label: string): void;
  onAdd(nodes: RankedNode[]): void;
}

const LISTED = 25;

/** "List most connected": ranked nodes of the whole view, with highlight top N and add to chart. */
export function RankingPanel({ graph, fxPerUsd, onHighlight, onAdd }: RankingPanelProps) {
  const { t, number } = useI18n();
  const [rankBy, setRankBy] = useState<RankBy>('degree');
  const [top, setTop] = useState(10);
  const ranked = useMemo(() => (graph ? mostConnected(graph, rankBy, fxPerUsd, Math.max(LISTED, top)) : []), [graph, rankBy, fxPerUsd, top]);
  const usd = (value: number) => number(Math.round(value));
  const chosen = ranked.slice(0, top);
  return (
    <section className="graph-ranking" data-testid="ranking-panel">
      <h3>{t('graph.rank')}</h3>
      <div className="path-limits">
        <label className="inline small">
          {t('graph.rank.by')}
          <select data-testid="rank-by" value={rankBy} onChange={(event) => setRankBy(event.target.value as RankBy)}>
            {RANK_BY.map((key) => (
              <option key={key} value={key}>
                {t(`graph.rank.${key}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline small">
          {t('graph.rank.top')}
          <input type="number" min={1} max={200} value={top} data-testid="rank-top" onChange={(event) => setTop(Math.max(1, Math.min(200, Number(event.target.value) || 1)))} />
        </label>
      </div>
      <div className="path-actions">
        <button type="button" data-testid="rank-highlight" disabled={chosen.length === 0} onClick={() => onHighlight(chosen, t('graph.rank.highlighted', { count: chosen.length, measure: t(`graph.rank.${rankBy}`) }))}>
          {t('graph.rank.highlight', { count: number(chosen.length) })}
        </button>
        <button type="button" data-testid="rank-add" disabled={chosen.length === 0} onClick={() => onAdd(chosen)}>
          {t('graph.rank.add')}
        </button>
      </div>
      <p className="muted small">{t('graph.rank.note')}</p>
      <table className="rank-table small" data-testid="rank-table">
        <thead>
          <tr>
            <th>{t('graph.rank.node')}</th>
            <th className="num">{t('graph.rank.links')}</th>
            <th className="num">{t('graph.rank.in')}</th>
            <th className="num">{t('graph.rank.out')}</th>
            <th className="num">{t('graph.rank.net')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.slice(0, LISTED).map((node, index) => (
            <tr key={node.id} data-testid="rank-row" data-node-id={node.id} className={index < top ? 'top' : ''}>
              <td title={node.id}>{node.label}</td>
              <td className="num" title={`${t('graph.rank.inOut')}: ${number(node.inCount)}/${number(node.outCount)}`}>
                {number(node.degree)}
              </td>
              <td className="num">{usd(node.totalInUsd)}</td>
              <td className="num">{usd(node.totalOutUsd)}</td>
              <td className="num">{usd(node.netUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
