import { useState } from 'react';
import type { ConnectingNetwork } from '../../../shared/graph';
import { useI18n } from '../../i18n/I18nProvider';

export const MAX_SUBJECTS = 20;

export interface ConnectRequest {
  subjects: string[];
  exclude: string[];
  maxHops: number;
  timed: boolean;
  maxGapDays: number;
}

export interface ConnectPanelProps {
  selectedNodeId: string | null;
  /** The last network found, and whether it was searched in time order. */
  result: (ConnectingNetwork & { timed?: boolean }) | null;
  onFind(request: ConnectRequest): void;
  /** A time-ordered search running in the worker (indexing the case's transactions first). */
  running?: boolean;
  onCancel?(): void;
  /** Time order was ticked: the search's index can be built ahead of the run. */
  onTimed?(): void;
}

function IdList({ ids, testId, onRemove }: { ids: string[]; testId: string; onRemove(id: string): void }) {
  const { t } = useI18n();
  return (
    <ul className="connect-ids" data-testid={testId}>
      {ids.map((id) => (
        <li key={id} data-id={id}>
          <span>{id}</span>
          <button type="button" className="link-button small" onClick={() => onRemove(id)} aria-label={`${t('graph.connect.remove')} ${id}`}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Find connecting network: the subjects, the hubs to leave out, the limits; the result names the gaps. */
export function ConnectPanel({ selectedNodeId, result, onFind, running = false, onCancel, onTimed }: ConnectPanelProps) {
  const { t, number } = useI18n();
  const [subjects, setSubjects] = useState<string[]>([]);
  const [exclude, setExclude] = useState<string[]>([]);
  const [maxHops, setMaxHops] = useState(4);
  const [timed, setTimed] = useState(false);
  const [maxGapDays, setMaxGapDays] = useState(30);
  const ready = subjects.length >= 2 && subjects.length <= MAX_SUBJECTS;
  const add = (list: string[], set: (next: string[]) => void) => {
    if (selectedNodeId && !list.includes(selectedNodeId)) set([...list, selectedNodeId]);
  };
  return (
    <section className="graph-connect" data-testid="connect-panel">
      <h3>{t('graph.connect')}</h3>
      <p className="muted small">{t('graph.connect.hint')}</p>
      <div className="connect-head">
        <strong className="small">{t('graph.connect.subjects')}</strong>
        <button type="button" className="small-button" data-testid="connect-add-subject" disabled={!selectedNodeId || subjects.length >= MAX_SUBJECTS} onClick={() => add(subjects, setSubjects)}>
          {t('graph.connect.addSelected')}
        </button>
      </div>
      <IdList ids={subjects} testId="connect-subjects" onRemove={(id) => setSubjects(subjects.filter((other) => other !== id))} />
      <div className="connect-head">
        <strong className="small">{t('graph.connect.excluded')}</strong>
        <button type="button" className="small-button" data-testid="connect-exclude" disabled={!selectedNodeId} onClick={() => add(exclude, setExclude)}>
          {t('graph.connect.excludeSelected')}
        </button>
      </div>
      <IdList ids={exclude} testId="connect-excluded" onRemove={(id) => setExclude(exclude.filter((other) => other !== id))} />
      <div className="path-limits">
        <label className="inline small">
          {t('graph.connect.maxHops')}
          <input type="number" min={1} max={12} value={maxHops} data-testid="connect-max-hops" onChange={(event) => setMaxHops(Math.max(1, Math.min(12, Number(event.target.value) || 1)))} />
        </label>
        <label className="inline small">
          <input
            type="checkbox"
            checked={timed}
            data-testid="connect-timed"
            onChange={(event) => {
              setTimed(event.target.checked);
              if (event.target.checked) onTimed?.();
            }}
          />
          {t('graph.connect.timed')}
        </label>
        {timed && (
          <label className="inline small">
            {t('graph.connect.maxGap')}
            <input type="number" min={1} max={3650} value={maxGapDays} data-testid="connect-max-gap" onChange={(event) => setMaxGapDays(Math.max(1, Number(event.target.value) || 1))} />
          </label>
        )}
      </div>
      <div className="path-actions">
        {running ? (
          <>
            <button type="button" data-testid="connect-cancel" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <span className="muted small" data-testid="connect-running">
              {t('graph.connect.running')}
            </span>
          </>
        ) : (
          <button type="button" className="primary" disabled={!ready} data-testid="connect-run" onClick={() => onFind({ subjects, exclude, maxHops, timed, maxGapDays })}>
            {t('graph.connect.run')}
          </button>
        )}
        {!ready && <span className="muted small">{t('graph.connect.needTwo')}</span>}
      </div>
      {result && (
        <div className="small" data-testid="connect-result" data-timed={result.timed ? 'true' : 'false'} data-nodes={result.nodeIds.length} data-gaps={result.unconnected.join(',')}>
          {result.groups.length > 0 ? (
            <p>{t('graph.connect.result', { nodes: number(result.nodeIds.length), edges: number(result.edgeIds.length), subjects: number(result.groups.reduce((sum, group) => sum + group.length, 0)) })}</p>
          ) : (
            <p>{t('graph.connect.none')}</p>
          )}
          {result.unconnected.length > 0 && (
            <p className="warn" data-testid="connect-gaps">
              {t('graph.connect.gaps', { ids: result.unconnected.join(', ') })}
            </p>
          )}
          {result.unknown.length > 0 && <p className="muted">{t('graph.connect.unknown', { ids: result.unknown.join(', ') })}</p>}
        </div>
      )}
    </section>
  );
}
