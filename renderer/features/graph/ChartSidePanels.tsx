import type { Dispatch } from 'react';
import { isCollection, type Graph, type GraphEdge, type GraphNode, type StylingResult } from '../../../shared/graph';
import { database } from '../../db/database';
import type { CaseRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import type { ChartAction, ChartStore } from './chartState';
import { CommunitiesPanel } from './CommunitiesPanel';
import type { Communities, CommunityClient } from './communityClient';
import { ConnectPanel } from './ConnectPanel';
import { DetailsPanel, type DetailRow } from './DetailsPanel';
import { saveGrade } from './gradeStore';
import { GradesPanel } from './GradesPanel';
import { NodeActions } from './NodeActions';
import { PathPanel } from './PathPanel';
import { RankingPanel } from './RankingPanel';
import { SavedCharts } from './SavedCharts';
import { listTemplates, saveTemplate, templateRules } from './styleStore';
import { StylingPanel } from './StylingPanel';
import type { CaseChartData } from './useCaseChartData';
import type { ChartActions, ChartMessage } from './useChartActions';

export interface ChartSidePanelsProps {
  store: ChartStore;
  dispatch: Dispatch<ChartAction>;
  actions: ChartActions;
  caseRow: CaseRow;
  fullGraph: Graph | null;
  selectedNode: GraphNode | null;
  selectedEdge: GraphEdge | null;
  detailRows: DetailRow[];
  /** Weakest grade behind each drawn node and line, formatted ("B2"). */
  drawnGrades: ReadonlyMap<string, string>;
  styling: StylingResult | null;
  /** The case's rates, file names, gradable sources (files and goAML reports) and their grades, templates and saved charts. */
  caseData: CaseChartData;
  communityClient: CommunityClient | null;
  communities: Communities | null;
  setMessage(message: ChartMessage): void;
  /** Panels shown right under the details (screening). */
  afterDetails?: React.ReactNode;
}

/** The chart's side column: details of the selection and every tool panel, each over the store and the chart's actions. */
export function ChartSidePanels(props: ChartSidePanelsProps) {
  const { store, dispatch, actions, caseRow, fullGraph, selectedNode, selectedEdge, detailRows, drawnGrades, styling, caseData, communityClient, setMessage, afterDetails } = props;
  const { fxPerUsd, fileNames, sources, grades, setGrades, templates, setTemplates, charts } = caseData;
  const { t } = useI18n();
  const { kind, unfolded, pinned, colourBy, rules, highlight } = store.present;
  const selected = selectedNode ?? selectedEdge;
  const grade = selected ? drawnGrades.get(selected.id) : undefined;
  const reportError = (error: unknown) => setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
  return (
    <aside className="graph-side">
      <section>
        <h3>{t('graph.details')}</h3>
        <DetailsPanel node={selectedNode} edge={selectedEdge} rows={detailRows} fileNames={fileNames}>
          {grade && (
            <p className="small" data-testid="details-grade">
              {t('graph.grades.weakest', { grade })}
            </p>
          )}
          {selectedNode && isCollection(selectedNode.id) && (
            <div className="graph-node-actions">
              <button type="button" className="primary" data-testid="unfold-collection" onClick={() => dispatch({ type: 'toggleCollection', id: selectedNode.id })}>
                {t('graph.collection.unfold')}
              </button>
            </div>
          )}
          {selectedNode && !isCollection(selectedNode.id) && (
            <NodeActions
              pinned={pinned.has(selectedNode.id)}
              unfolded={kind === 'parties' && selectedNode.kind !== 'account' ? unfolded.includes(selectedNode.id) : null}
              onExpand={(request) => actions.expand(request, selectedNode.id)}
              onFindLinked={(request) => actions.findLinkedNodes(request, selectedNode.id)}
              onHide={() => dispatch({ type: 'hide', ids: [selectedNode.id] })}
              onTogglePin={() => dispatch({ type: 'togglePin', id: selectedNode.id })}
              onToggleUnfold={() => dispatch({ type: 'toggleUnfold', id: selectedNode.id, accounts: selectedNode.accounts })}
            />
          )}
        </DetailsPanel>
      </section>
      {afterDetails}
      <PathPanel selectedNodeId={selectedNode?.id ?? null} results={store.pathResults} activeKey={highlight?.key ?? null} onFind={actions.findPaths} onShow={(path) => dispatch({ type: 'showPath', path })} />
      <ConnectPanel selectedNodeId={selectedNode?.id ?? null} result={actions.network} onFind={actions.findNetwork} running={actions.connecting} onCancel={actions.cancelNetwork} onTimed={actions.prepareTimedNetwork} />
      <CommunitiesPanel
        result={props.communities}
        running={actions.findingCommunities}
        colourBy={colourBy}
        groups={store.present.groupCommunities}
        onRun={actions.runCommunities}
        onCancel={() => communityClient?.cancel()}
        onColourBy={(next) => dispatch({ type: 'setColourBy', colourBy: next })}
        onGroups={(groups) => dispatch({ type: 'setGroupCommunities', groups })}
        onShowCommunity={actions.focusOn}
        onShowCore={(minCore) => actions.focusOn([...(props.communities?.cores ?? new Map<string, number>())].flatMap(([id, core]) => (core >= minCore ? [id] : [])))}
      />
      <StylingPanel
        rules={rules}
        matches={styling?.matches ?? new Map<string, number>()}
        templates={templates}
        onRules={(next) => dispatch({ type: 'setRules', rules: next })}
        onSaveTemplate={(name) => {
          void saveTemplate(database(), name, rules)
            .then(async (row) => {
              setTemplates(await listTemplates(database()));
              setMessage({ text: t('graph.rules.templateSaved', { name: row.name }) });
            })
            .catch(reportError);
        }}
        onApplyTemplate={(template) => {
          const parsed = templateRules(template);
          if (parsed.error) setMessage({ text: t('graph.rules.loadFailed', { reason: parsed.error }), error: true });
          else dispatch({ type: 'setRules', rules: parsed.rules });
        }}
      />
      <RankingPanel graph={fullGraph} fxPerUsd={fxPerUsd} onHighlight={actions.highlightRanked} onAdd={(nodes) => dispatch({ type: 'addNodes', ids: nodes.map((node) => node.id) })} />
      <GradesPanel
        sources={sources}
        grades={grades}
        onGrade={(file, next) => {
          setGrades(new Map([...grades, [file, next]]));
          saveGrade(database(), caseRow.id, file, next).catch(reportError);
        }}
      />
      <SavedCharts charts={charts} name={actions.chartName} onSave={(name) => void actions.save(name)} onOpen={actions.open} />
    </aside>
  );
}
