import { useMemo, useState } from 'react';
import type { Graph, GraphNode } from '../../../shared/graph';
import { nameKey } from '../../../shared/resolve/names';
import { useI18n } from '../../i18n/I18nProvider';

/** Search by name, ID or account over the whole view (not only what is drawn), and add a result to the chart. */
export function GraphSearch({ graph, onPick }: { graph: Graph | null; onPick(node: GraphNode): void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const results = useMemo<GraphNode[]>(() => {
    const needle = nameKey(query);
    if (!graph || needle.length < 2) return [];
    const raw = query.trim().toUpperCase();
    const found: GraphNode[] = [];
    for (const node of graph.nodes) {
      const haystack = [node.label, node.holderName ?? '', node.holderId ?? ''].map(nameKey);
      const hit = haystack.some((text) => text.includes(needle)) || node.id.toUpperCase().includes(raw) || node.accounts.some((id) => id.toUpperCase().includes(raw)) || node.parties.some((id) => id.toUpperCase().includes(raw));
      if (hit) found.push(node);
      if (found.length >= 12) break;
    }
    return found;
  }, [graph, query]);
  return (
    <div className="graph-search">
      <input type="search" data-testid="graph-search" placeholder={t('graph.search')} aria-label={t('graph.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
      {query.trim().length >= 2 && (
        <ul className="graph-search-results" data-testid="graph-search-results">
          {results.length === 0 && <li className="muted small">{t('graph.searchNone', { query })}</li>}
          {results.map((node) => (
            <li key={node.id}>
              <button
                type="button"
                data-testid="search-result"
                data-node-id={node.id}
                onClick={() => {
                  onPick(node);
                  setQuery('');
                }}
              >
                <strong>{node.holderName && node.kind === 'account' ? node.holderName : node.label}</strong> <span className="muted small">{node.id}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
