import { useMemo } from 'react';
import { AMOUNT_BANDS, isEmptyFilter, timeViewCounts, toggleIn, type TransactionFilter } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';

export interface TimeViewsProps {
  transactions: readonly Transaction[];
  filter: TransactionFilter | null;
  onFilter(filter: TransactionFilter | null): void;
}

const WHEEL = 150;
const CENTRE = WHEEL / 2;
const INNER = 16;
const RING = (CENTRE - INNER - 4) / 7;

/** One cell of the wheel: weekday ring (Monday inside), hour sector (midnight at the top, clockwise). */
function sector(weekday: number, hour: number): string {
  const r0 = INNER + weekday * RING;
  const r1 = r0 + RING - 0.6;
  const a0 = ((hour / 24) * 2 - 0.5) * Math.PI + 0.01;
  const a1 = (((hour + 1) / 24) * 2 - 0.5) * Math.PI - 0.01;
  const point = (r: number, a: number) => `${(CENTRE + r * Math.cos(a)).toFixed(2)},${(CENTRE + r * Math.sin(a)).toFixed(2)}`;
  return `M${point(r0, a0)} L${point(r1, a0)} A${r1},${r1} 0 0 1 ${point(r1, a1)} L${point(r0, a1)} A${r0},${r0} 0 0 0 ${point(r0, a0)} Z`;
}

function Bars({ items, testId, onToggle }: { items: { key: string; label: string; count: number; active: boolean }[]; testId: string; onToggle(key: string): void }) {
  const max = Math.max(1, ...items.map((item) => item.count));
  return (
    <div className="time-bars">
      {items.map((item) => (
        <button key={item.key} type="button" className={`time-bar${item.active ? ' active' : ''}`} data-testid={testId} data-key={item.key} data-count={item.count} title={`${item.label}: ${item.count}`} onClick={() => onToggle(item.key)}>
          <span className="time-bar-fill" style={{ height: `${Math.max(item.count > 0 ? 4 : 0, (item.count / max) * 100)}%` }} />
          <span className="time-bar-label">{item.label}</span>
        </button>
      ))}
    </div>
  );
}

/** Histograms of amounts and channels and the hour × weekday wheel; clicking a bar or a cell filters the chart to it. */
export function TimeViews({ transactions, filter, onFilter }: TimeViewsProps) {
  const { t, number } = useI18n();
  const counts = useMemo(() => timeViewCounts(transactions, filter), [transactions, filter]);
  const compact = (value: number) => (value >= 1e6 ? `${value / 1e6}M` : value >= 1e3 ? `${value / 1e3}k` : String(value));
  const set = (next: TransactionFilter) => onFilter(isEmptyFilter(next) ? null : next);
  const maxCell = Math.max(1, ...counts.hourCells);
  const weekdays = t('graph.time.weekdays').split(',');
  return (
    <div className="time-views" data-testid="time-views" data-filtered={isEmptyFilter(filter) ? 'false' : 'true'}>
      <div className="time-view">
        <strong className="small">{t('graph.time.amounts')}</strong>
        <Bars
          testId="amount-bar"
          items={AMOUNT_BANDS.map((band, index) => ({ key: String(index), label: Number.isFinite(band.to) ? `<${compact(band.to)}` : `≥${compact(band.from)}`, count: counts.amountBands[index] ?? 0, active: filter?.amountBands?.includes(index) ?? false }))}
          onToggle={(key) => set({ ...(filter ?? {}), amountBands: toggleIn(filter?.amountBands, Number(key)) })}
        />
      </div>
      <div className="time-view">
        <strong className="small">{t('graph.time.channels')}</strong>
        <Bars
          testId="channel-bar"
          items={counts.channels.slice(0, 8).map((entry) => ({ key: entry.channel, label: t(`graph.channel.${entry.channel}`), count: entry.count, active: filter?.channels?.includes(entry.channel) ?? false }))}
          onToggle={(key) => set({ ...(filter ?? {}), channels: toggleIn(filter?.channels, key) })}
        />
      </div>
      <div className="time-view">
        <strong className="small">{t('graph.time.wheel')}</strong>
        <svg className="hour-wheel" viewBox={`0 0 ${WHEEL} ${WHEEL}`} role="img" aria-label={t('graph.time.wheel')}>
          {counts.hourCells.map((count, cell) => {
            const weekday = Math.floor(cell / 24);
            const hour = cell % 24;
            const active = filter?.hourCells?.includes(cell) ?? false;
            const shade = count === 0 ? 0 : 0.15 + 0.85 * (count / maxCell);
            return (
              <path
                key={cell}
                d={sector(weekday, hour)}
                className={`hour-cell${active ? ' active' : ''}`}
                data-testid="hour-cell"
                data-cell={cell}
                data-count={count}
                style={{ fill: count === 0 ? '#eef0f4' : `rgba(47, 98, 166, ${shade.toFixed(2)})` }}
                onClick={() => set({ ...(filter ?? {}), hourCells: toggleIn(filter?.hourCells, cell) })}
              >
                <title>{`${weekdays[weekday] ?? weekday} ${String(hour).padStart(2, '0')}:00 — ${number(count)}`}</title>
              </path>
            );
          })}
          {[0, 6, 12, 18].map((hour) => {
            const angle = ((hour / 24) * 2 - 0.5) * Math.PI;
            return (
              <text key={hour} x={CENTRE + (INNER - 7) * Math.cos(angle)} y={CENTRE + (INNER - 7) * Math.sin(angle) + 2.5} className="hour-label">
                {hour}
              </text>
            );
          })}
        </svg>
        <span className="muted small">{t('graph.time.wheelHint')}</span>
      </div>
      {!isEmptyFilter(filter) && (
        <button type="button" className="small-button" data-testid="time-filter-clear" onClick={() => onFilter(null)}>
          {t('graph.time.clear')}
        </button>
      )}
    </div>
  );
}
