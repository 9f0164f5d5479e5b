import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

export interface PathResult {
  key: string;
  label: string;
  nodeIds: string[];
  edgeIds: string[];
}

export interface PathPanelProps {
  selectedNodeId: string | null;
  results: PathResult[] | null;
  activeKey: string | null;
  onFind(request: { from: string; to: string; timed: boolean; maxHops: number; maxDays: number }): void;
  onShow(result: PathResult): void;
}

/** Paths between two nodes: the shortest, and the time-respecting trails money could actually have taken. */
export function PathPanel({ selectedNodeId, results, activeKey, onFind, onShow }: PathPanelProps) {
  const { t } = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [maxHops, setMaxHops] = useState(5);
  const [maxDays, setMaxDays] = useState(30);
  const ready = from.trim() !== '' && to.trim() !== '' && from.trim() !== to.trim();
  const find = (timed: boolean) => onFind({ from: from.trim(), to: to.trim(), timed, maxHops, maxDays });
  return (
    <section className="graph-paths" data-testid="path-panel">
      <h3>{t('graph.paths')}</h3>
      <div className="path-field">
        <label>
          {t('graph.paths.from')}
          <input data-testid="path-from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <button type="button" className="small-button" disabled={!selectedNodeId} onClick={() => setFrom(selectedNodeId ?? '')} data-testid="path-from-selected">
          {t('graph.paths.useSelected')}
        </button>
      </div>
      <div className="path-field">
        <label>
          {t('graph.paths.to')}
          <input data-testid="path-to" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <button type="button" className="small-button" disabled={!selectedNodeId} onClick={() => setTo(selectedNodeId ?? '')} data-testid="path-to-selected">
          {t('graph.paths.useSelected')}
        </button>
      </div>
      <div className="path-limits">
        <label>
          {t('graph.paths.maxHops')}
          <input type="number" min={1} max={12} value={maxHops} data-testid="path-max-hops" onChange={(event) => setMaxHops(Math.max(1, Math.min(12, Number(event.target.value) || 1)))} />
        </label>
        <label>
          {t('graph.paths.maxDays')}
          <input type="number" min={1} max={3650} value={maxDays} data-testid="path-max-days" onChange={(event) => setMaxDays(Math.max(1, Number(event.target.value) || 1))} />
        </label>
      </div>
      <div className="path-actions">
        <button type="button" className="primary" disabled={!ready} onClick={() => find(true)} data-testid="path-find-timed">
          {t('graph.paths.timed')}
        </button>
        <button type="button" disabled={!ready} onClick={() => find(false)} data-testid="path-find-shortest">
          {t('graph.paths.shortest')}
        </button>
      </div>
      {results && results.length === 0 && (
        <p className="muted small" data-testid="path-none">
          {t('graph.paths.none')}
        </p>
      )}
      {results && results.length > 0 && (
        <ol className="path-results">
          {results.map((result) => (
            <li key={result.key}>
              <button type="button" className={`link-button${result.key === activeKey ? ' active' : ''}`} data-testid="path-result" onClick={() => onShow(result)}>
                {result.label}
              </button>
              <div className="small muted">{result.nodeIds.join(' → ')}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
