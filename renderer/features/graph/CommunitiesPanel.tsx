import { useState } from 'react';
import type { AmountByCurrency } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';
import type { Communities } from './communityClient';

/** Distinct, print-safe fills for the largest communities; the rest share grey. */
export const COMMUNITY_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939'];
export const OTHER_COMMUNITY_COLOUR = '#c5cbd6';

export function communityColour(community: number | undefined): string {
  return community === undefined ? OTHER_COMMUNITY_COLOUR : (COMMUNITY_COLOURS[community] ?? OTHER_COMMUNITY_COLOUR);
}

export interface CommunitiesPanelProps {
  result: Communities | null;
  running: boolean;
  colourBy: 'kind' | 'community';
  /** Communities drawn as compound groups. */
  groups: boolean;
  onRun(resolution: number): void;
  onGroups(groups: boolean): void;
  onCancel(): void;
  onColourBy(colourBy: 'kind' | 'community'): void;
  onShowCommunity(nodeIds: string[]): void;
  onShowCore(minCore: number): void;
}

const LISTED = 12;

/** Communities (Louvain) and k-cores of the chart, computed in a worker, shown as colours with each community's totals. */
export function CommunitiesPanel({ result, running, colourBy, groups, onRun, onCancel, onColourBy, onGroups, onShowCommunity, onShowCore }: CommunitiesPanelProps) {
  const { t, amount, number } = useI18n();
  const [resolution, setResolution] = useState(1);
  const [minCore, setMinCore] = useState(2);
  const amounts = (totals: AmountByCurrency) =>
    Object.entries(totals)
      .map(([currency, value]) => amount(value, currency))
      .join(' · ') || '—';
  const maxCore = result ? Math.max(0, ...result.cores.values()) : 0;
  return (
    <section className="graph-communities" data-testid="communities-panel">
      <h3>{t('graph.communities')}</h3>
      <div className="path-limits">
        <label className="inline small">
          {t('graph.communities.resolution')}
          <input type="number" min={0.1} max={5} step={0.1} value={resolution} data-testid="communities-resolution" onChange={(event) => setResolution(Math.max(0.1, Math.min(5, Number(event.target.value) || 1)))} />
        </label>
        {running ? (
          <button type="button" data-testid="communities-cancel" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : (
          <button type="button" className="primary" data-testid="communities-run" onClick={() => onRun(resolution)}>
            {t('graph.communities.run')}
          </button>
        )}
      </div>
      {running && <p className="muted small">{t('graph.communities.running')}</p>}
      {result && (
        <div data-testid="communities-result" data-count={result.communities.length}>
          <p className="small">
            {t('graph.communities.found', { count: number(result.communities.length), modularity: number(result.modularity, 2), ms: number(Math.round(result.ms)) })}
          </p>
          <label className="inline small">
            <input type="checkbox" data-testid="communities-colour" checked={colourBy === 'community'} onChange={(event) => onColourBy(event.target.checked ? 'community' : 'kind')} />
            {t('graph.communities.colour')}
          </label>
          <label className="inline small">
            <input type="checkbox" data-testid="communities-groups" checked={groups} onChange={(event) => onGroups(event.target.checked)} />
            {t('graph.communities.groups')}
          </label>
          <ol className="community-list small">
            {result.communities.slice(0, LISTED).map((community) => (
              <li key={community.id} data-testid="community-row">
                <span className="community-swatch" style={{ background: communityColour(community.id) }} />
                <button type="button" className="link-button" onClick={() => onShowCommunity(community.nodeIds)}>
                  {t('graph.communities.row', { number: community.id + 1, nodes: number(community.nodeIds.length), links: number(community.internalLinks) })}
                </button>
                <div className="muted">
                  {t('graph.communities.totals', { inside: amounts(community.internalTotals), into: amounts(community.inTotals), out: amounts(community.outTotals) })}
                </div>
              </li>
            ))}
          </ol>
          {result.communities.length > LISTED && <p className="muted small">{t('graph.communities.more', { count: number(result.communities.length - LISTED) })}</p>}
          <div className="path-limits">
            <label className="inline small">
              {t('graph.cores.min')}
              <input type="number" min={1} max={Math.max(1, maxCore)} value={minCore} data-testid="core-min" onChange={(event) => setMinCore(Math.max(1, Number(event.target.value) || 1))} />
            </label>
            <button type="button" data-testid="core-show" onClick={() => onShowCore(minCore)}>
              {t('graph.cores.show', { max: number(maxCore) })}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
