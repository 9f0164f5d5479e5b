import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { DateRange } from '../../../shared/graph';
import type { Transaction } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';

const BINS = 80;
const WIDTH = 800;
const HEIGHT = 56;
const DAY = 86_400_000;

interface Histogram {
  from: number;
  to: number;
  binWidth: number;
  counts: number[];
  max: number;
}

function histogram(transactions: readonly Transaction[]): Histogram | null {
  if (transactions.length === 0) return null;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const tx of transactions) {
    if (tx.timestamp < from) from = tx.timestamp;
    if (tx.timestamp > to) to = tx.timestamp;
  }
  // Whole days at both ends, so a brush over the last bar includes the last day.
  from = Math.floor(from / DAY) * DAY;
  to = Math.floor(to / DAY) * DAY + DAY - 1;
  const binWidth = Math.max((to - from + 1) / BINS, 1);
  const counts = new Array<number>(BINS).fill(0);
  for (const tx of transactions) {
    const bin = Math.min(BINS - 1, Math.floor((tx.timestamp - from) / binWidth));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { from, to, binWidth, counts, max: Math.max(...counts) };
}

export interface TimelineProps {
  transactions: readonly Transaction[];
  range: DateRange | null;
  onRange(range: DateRange | null): void;
  /** Playback: the window moving over the period, shown without an undo step per frame. */
  onPreview?(range: DateRange | null): void;
}

/** Playback: the window (the brushed range, else an eighth of the period) moves in this many steps, one every STEP_MS. */
const PLAY_STEPS = 24;
const STEP_MS = 700;

/**
 * Transactions per period, with a brush: dragging across the bars keeps
 * only that period on the chart (the graph is rebuilt from the transactions
 * inside it, so totals and widths follow the range).
 */
export function Timeline({ transactions, range, onRange, onPreview }: TimelineProps) {
  const { t, date } = useI18n();
  const bins = useMemo(() => histogram(transactions), [transactions]);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const [playing, setPlaying] = useState<{ width: number; step: number } | null>(null);
  const latest = useRef({ onRange, onPreview });
  latest.current = { onRange, onPreview };

  // One step per tick; the last step (or Stop) records the window as one change.
  useEffect(() => {
    if (!playing || !bins) return;
    const span = bins.to - bins.from - playing.width;
    const from = bins.from + (span * playing.step) / PLAY_STEPS;
    const window = { from: Math.floor(from / DAY) * DAY, to: Math.floor((from + playing.width) / DAY) * DAY + DAY - 1 };
    if (playing.step >= PLAY_STEPS) {
      latest.current.onRange(window);
      setPlaying(null);
      return;
    }
    (latest.current.onPreview ?? latest.current.onRange)(window);
    const timer = setTimeout(() => setPlaying((current) => (current ? { ...current, step: current.step + 1 } : null)), STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, bins]);

  if (!bins) return null;
  const play = () => {
    const width = range?.from !== undefined && range.to !== undefined ? range.to - range.from : (bins.to - bins.from) / 8;
    setPlaying({ width: Math.min(width, bins.to - bins.from), step: 0 });
  };
  const stop = () => {
    setPlaying(null);
    if (range) onRange(range);
  };

  const timeAt = (clientX: number): number => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return bins.from;
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return bins.from + fraction * (bins.to - bins.from);
  };
  const xOf = (time: number) => ((time - bins.from) / (bins.to - bins.from)) * WIDTH;

  const onDown = (event: PointerEvent<SVGSVGElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const time = timeAt(event.clientX);
    setDrag({ start: time, end: time });
  };
  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    if (drag) setDrag({ ...drag, end: timeAt(event.clientX) });
  };
  const onUp = () => {
    if (!drag) return;
    const from = Math.min(drag.start, drag.end);
    const to = Math.max(drag.start, drag.end);
    setDrag(null);
    // A click without a drag clears the range.
    if (to - from < bins.binWidth / 2) onRange(null);
    else onRange({ from: Math.floor(from / DAY) * DAY, to: Math.floor(to / DAY) * DAY + DAY - 1 });
  };

  const shown = drag ? { from: Math.min(drag.start, drag.end), to: Math.max(drag.start, drag.end) } : range;
  const barWidth = WIDTH / BINS;
  return (
    <div className="graph-timeline" data-testid="timeline" data-from={range?.from ?? ''} data-to={range?.to ?? ''}>
      <div className="graph-timeline-head">
        <strong>{t('graph.timeline')}</strong>
        <span className="muted" data-testid="timeline-range">
          {range?.from !== undefined && range.to !== undefined ? t('graph.timeline.range', { from: date(range.from), to: date(range.to) }) : t('graph.timeline.all')}
        </span>
        <span className="muted small">{t('graph.timeline.hint')}</span>
        <button type="button" className="small-button" data-testid="timeline-play" onClick={playing ? stop : play}>
          {playing ? `■ ${t('graph.time.stop')}` : `▶ ${t('graph.time.play')}`}
        </button>
        {range && (
          <button type="button" className="small-button" data-testid="timeline-reset" onClick={() => onRange(null)}>
            {t('graph.timeline.reset')}
          </button>
        )}
      </div>
      <svg
        ref={svgRef}
        className="graph-timeline-bars"
        data-testid="timeline-bars"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
      >
        {bins.counts.map((count, i) => {
          const height = bins.max > 0 ? Math.max(count > 0 ? 2 : 0, (count / bins.max) * (HEIGHT - 4)) : 0;
          const binStart = bins.from + i * bins.binWidth;
          const inside = !shown || shown.from === undefined || shown.to === undefined || (binStart + bins.binWidth > shown.from && binStart <= shown.to);
          return <rect key={i} x={i * barWidth + 0.5} y={HEIGHT - height} width={barWidth - 1} height={height} className={inside ? 'bar in' : 'bar out'} />;
        })}
        {shown?.from !== undefined && shown.to !== undefined && (
          <rect className="brush" x={xOf(Math.max(shown.from, bins.from))} y={0} width={Math.max(1, xOf(Math.min(shown.to, bins.to)) - xOf(Math.max(shown.from, bins.from)))} height={HEIGHT} />
        )}
      </svg>
      <div className="graph-timeline-axis muted small">
        <span>{date(bins.from)}</span>
        <span>{date(bins.to)}</span>
      </div>
    </div>
  );
}
