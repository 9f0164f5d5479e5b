import { useState } from 'react';
import type { Direction } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';

export interface ExpandRequest {
  direction: Direction;
  minUsd: number;
}

export interface LinkedRequest {
  direction: Direction;
  depth: number;
  timeFlow: 'any' | 'forward' | 'backward';
  maxGapDays: number;
}

export interface NodeActionsProps {
  pinned: boolean;
  /** null when the node cannot be unfolded (not a party in the parties view). */
  unfolded: boolean | null;
  onExpand(request: ExpandRequest): void;
  onFindLinked(request: LinkedRequest): void;
  onHide(): void;
  onTogglePin(): void;
  onToggleUnfold(): void;
}

/** What the analyst can do with the selected node: expand one hop, find linked nodes further out (in time order if asked), hide, pin, unfold. */
export function NodeActions({ pinned, unfolded, onExpand, onFindLinked, onHide, onTogglePin, onToggleUnfold }: NodeActionsProps) {
  const { t } = useI18n();
  const [direction, setDirection] = useState<Direction>('both');
  const [minUsd, setMinUsd] = useState(0);
  const [depth, setDepth] = useState(2);
  const [timeFlow, setTimeFlow] = useState<LinkedRequest['timeFlow']>('any');
  const [maxGapDays, setMaxGapDays] = useState(30);
  return (
    <>
      <div className="graph-node-actions">
        <select data-testid="expand-direction" value={direction} onChange={(event) => setDirection(event.target.value as Direction)} aria-label={t('graph.expand')}>
          <option value="both">{t('graph.expand.both')}</option>
          <option value="out">{t('graph.expand.out')}</option>
          <option value="in">{t('graph.expand.in')}</option>
        </select>
        <label className="inline small">
          {t('graph.expand.minUsd')}
          <input type="number" min={0} step={1000} value={minUsd} data-testid="expand-min" onChange={(event) => setMinUsd(Math.max(0, Number(event.target.value) || 0))} />
        </label>
        <button type="button" className="primary" data-testid="expand" onClick={() => onExpand({ direction, minUsd })}>
          {t('graph.expand')}
        </button>
        <button type="button" data-testid="hide-node" onClick={onHide}>
          {t('graph.hide')}
        </button>
        <button type="button" data-testid="pin-node" onClick={onTogglePin}>
          {pinned ? t('graph.unpin') : t('graph.pin')}
        </button>
        {unfolded !== null && (
          <button type="button" data-testid="unfold-node" onClick={onToggleUnfold}>
            {unfolded ? t('graph.fold') : t('graph.unfold')}
          </button>
        )}
      </div>
      <div className="graph-node-actions" data-testid="linked-controls">
        <label className="inline small">
          {t('graph.linked.depth')}
          <input type="number" min={1} max={6} value={depth} data-testid="linked-depth" onChange={(event) => setDepth(Math.max(1, Math.min(6, Number(event.target.value) || 1)))} />
        </label>
        <select data-testid="linked-time" value={timeFlow} onChange={(event) => setTimeFlow(event.target.value as LinkedRequest['timeFlow'])} aria-label={t('graph.linked')}>
          <option value="any">{t('graph.linked.time.any')}</option>
          <option value="forward">{t('graph.linked.time.forward')}</option>
          <option value="backward">{t('graph.linked.time.backward')}</option>
        </select>
        {timeFlow !== 'any' && (
          <label className="inline small">
            {t('graph.linked.maxGap')}
            <input type="number" min={1} max={3650} value={maxGapDays} data-testid="linked-gap" onChange={(event) => setMaxGapDays(Math.max(1, Number(event.target.value) || 1))} />
          </label>
        )}
        <button type="button" data-testid="find-linked" onClick={() => onFindLinked({ direction, depth, timeFlow, maxGapDays })}>
          {t('graph.linked')}
        </button>
      </div>
    </>
  );
}
