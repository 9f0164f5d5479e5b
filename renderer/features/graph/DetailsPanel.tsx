import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { GraphEdge, GraphNode } from '../../../shared/graph';
import type { Provenance } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';

export interface DetailRow {
  id: string;
  date: number;
  from: string;
  to: string;
  amount: number;
  currency: string;
  source: Provenance;
  /** Issue 16: both statement lines of a transfer merged from the two ends' statements. */
  sources?: Provenance[];
}

type SortKey = 'date' | 'amount' | 'from' | 'to';

export interface DetailsPanelProps {
  node: GraphNode | null;
  edge: GraphEdge | null;
  rows: DetailRow[];
  fileNames: ReadonlyMap<string, string>;
  children?: React.ReactNode;
}

function Totals({ totals }: { totals: Record<string, number> }) {
  const { amount } = useI18n();
  const entries = Object.entries(totals);
  if (entries.length === 0) return <>—</>;
  return <>{entries.map(([currency, value]) => amount(value, currency)).join(' · ')}</>;
}

/**
 * What lies under a node or a link: its figures and every transaction behind
 * it, sortable, virtualised (a hub can carry thousands), each with the file
 * and line it came from so the analyst can show the prosecutor the bank's row.
 */
export function DetailsPanel({ node, edge, rows, fileNames, children }: DetailsPanelProps) {
  const { t, amount, date, number } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'date', descending: false });
  const sorted = useMemo(() => {
    const copy = [...rows];
    const direction = sort.descending ? -1 : 1;
    copy.sort((a, b) => {
      const difference = sort.key === 'date' ? a.date - b.date : sort.key === 'amount' ? a.amount - b.amount : a[sort.key].localeCompare(b[sort.key]);
      return direction * (difference || a.date - b.date);
    });
    return copy;
  }, [rows, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: sorted.length, getScrollElement: () => scrollRef.current, estimateSize: () => 36, overscan: 12 });

  if (!node && !edge) return <p className="muted small">{t('graph.details.none')}</p>;
  const header = (key: SortKey, label: string, numeric = false) => (
    <button
      type="button"
      className={`sort-header cell-${key}${numeric ? ' num' : ''}`}
      data-testid={`details-sort-${key}`}
      onClick={() => setSort((current) => ({ key, descending: current.key === key ? !current.descending : key === 'amount' }))}
    >
      {label}
      {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
    </button>
  );
  return (
    <div className="graph-details" data-testid="graph-details" data-row-count={rows.length}>
      {node && (
        <dl className="graph-facts">
          <dt>{t(`graph.kind.${node.kind}`)}</dt>
          <dd data-testid="details-title">{node.label}</dd>
          {node.holderName && node.kind === 'account' && (
            <>
              <dt>{t('graph.details.holder')}</dt>
              <dd>{node.holderName}</dd>
            </>
          )}
          {node.bank && (
            <>
              <dt>{t('graph.details.bank')}</dt>
              <dd>{node.bank}</dd>
            </>
          )}
          {node.country && (
            <>
              <dt>{t('graph.details.country')}</dt>
              <dd>{node.country}</dd>
            </>
          )}
          {node.kind !== 'account' && node.accounts.length > 0 && (
            <>
              <dt>{t('graph.details.accounts')}</dt>
              <dd className="small">{node.accounts.slice(0, 12).join(', ') + (node.accounts.length > 12 ? ` … (+${node.accounts.length - 12})` : '')}</dd>
            </>
          )}
          <dt>{t('graph.details.in')}</dt>
          <dd>
            <Totals totals={node.inByCurrency} />
          </dd>
          <dt>{t('graph.details.out')}</dt>
          <dd>
            <Totals totals={node.outByCurrency} />
          </dd>
        </dl>
      )}
      {edge && (
        <dl className="graph-facts">
          <dt>{t('graph.details.from')}</dt>
          <dd data-testid="details-title">{edge.source}</dd>
          <dt>{t('graph.details.to')}</dt>
          <dd>{edge.target}</dd>
          <dt>{t('graph.details.amount')}</dt>
          <dd>
            <Totals totals={edge.totals} />
          </dd>
          <dt>{t('graph.details.date')}</dt>
          <dd>{edge.firstDate === edge.lastDate ? date(edge.firstDate) : `${date(edge.firstDate)} – ${date(edge.lastDate)}`}</dd>
        </dl>
      )}
      {children}
      <p className="small muted">
        {t('graph.details.transactions', { count: number(rows.length) })}
        {edge && edge.shipmentIds.length > 0 ? ` · ${t('graph.details.shipments', { count: number(edge.shipmentIds.length) })}` : ''}
      </p>
      <div className="details-table" role="table">
        <div className="details-row details-head" role="row">
          {header('date', t('graph.details.date'))}
          {header('from', t('graph.details.from'))}
          {header('to', t('graph.details.to'))}
          {header('amount', t('graph.details.amount'), true)}
          <span className="sort-header cell-source">{t('graph.details.source')}</span>
        </div>
        <div className="details-scroll" ref={scrollRef}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = sorted[item.index];
              if (!row) return null;
              return (
                <div
                  key={row.id}
                  className="details-row"
                  role="row"
                  data-testid="details-transaction"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  <span className="cell-date">{date(row.date)}</span>
                  <span className="cell-from" title={row.from}>
                    {row.from}
                  </span>
                  <span className="cell-to" title={row.to}>
                    {row.to}
                  </span>
                  <span className="cell-amount num">{amount(row.amount, row.currency)}</span>
                  <span className="cell-source small muted" title={(row.sources ?? [row.source]).map((source) => source.file).join(' + ')} data-testid="details-source">
                    {(row.sources ?? [row.source]).map((source) => `${fileNames.get(source.file) ?? source.file.slice(0, 10)}:${source.line}`).join(' + ')}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
