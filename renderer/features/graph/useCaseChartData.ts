import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { Grade, StyleRule } from '../../../shared/graph';
import { builtinProfile } from '../../../shared/profiles';
import { database } from '../../db/database';
import { sourceFileNames } from '../../db/dataset';
import type { CaseRow, ChartRow, StyleTemplateRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import type { ChartAction } from './chartState';
import { listCharts } from './chartStore';
import { gradedSources, readGrades, type GradedSource } from './gradeStore';
import { sameRates } from './stableValues';
import { listTemplates, readCaseRules, saveCaseRules } from './styleStore';

type Message = { text: string; error?: boolean } | null;

/**
 * What the chart reads from the case besides its transactions: the profile's
 * exchange rates, the imported files' names, saved charts, the styling rules
 * (loaded into the store, saved back whenever the analyst changes them) and
 * the rule templates.
 */
/** What the chart reads and keeps per case besides its records (rates, file names, grades, templates, saved charts). */
export type CaseChartData = ReturnType<typeof useCaseChartData>;

export function useCaseChartData(caseRow: CaseRow | null, datasetVersion: number, rules: readonly StyleRule[], dispatch: Dispatch<ChartAction>, setMessage: (message: Message) => void) {
  const { t } = useI18n();
  const [fxPerUsd, setFxPerUsd] = useState<Record<string, number> | undefined>(undefined);
  /** The case whose profile rates are in `fxPerUsd` (they stay while the case's data reloads). */
  const [ratesFor, setRatesFor] = useState<string | null>(null);
  const [fileNames, setFileNames] = useState<Map<string, string>>(() => new Map());
  const [sources, setSources] = useState<GradedSource[]>([]);
  const [charts, setCharts] = useState<ChartRow[]>([]);
  const [templates, setTemplates] = useState<StyleTemplateRow[]>([]);
  const [grades, setGrades] = useState<Map<string, Grade>>(() => new Map());
  /** The rules as last read from or written to the database; null until the case's rules are read, so the reset's empty list never overwrites them. */
  const storedRules = useRef<readonly StyleRule[] | null>(null);

  useEffect(() => {
    storedRules.current = null;
    if (!caseRow) return;
    let live = true;
    const db = database();
    void (async () => {
      const [stored, imports, files, saved, caseRules, savedTemplates, savedGrades] = await Promise.all([
        db.profiles.get(caseRow.profileId),
        db.imports.where('caseId').equals(caseRow.id).toArray(),
        sourceFileNames(db, caseRow.id),
        listCharts(db, caseRow.id),
        readCaseRules(db, caseRow.id),
        listTemplates(db),
        readGrades(db, caseRow.id),
      ]);
      if (!live) return;
      storedRules.current = caseRules.rules;
      dispatch({ type: 'loadRules', rules: caseRules.rules });
      if (caseRules.error) setMessage({ text: t('graph.rules.loadFailed', { reason: caseRules.error }), error: true });
      setTemplates(savedTemplates);
      setGrades(savedGrades);
      // Read again with every change of the case's data: the same rates must not rebuild the chart.
      const rates = (stored?.profile ?? builtinProfile(caseRow.profileId))?.fxPerUsd;
      setFxPerUsd((current) => (sameRates(current, rates) ? current : rates));
      setRatesFor(caseRow.id);
      setFileNames(files);
      setSources(gradedSources(imports));
      setCharts(saved);
    })();
    return () => {
      live = false;
    };
  }, [caseRow, datasetVersion, t, dispatch, setMessage]);

  // Rules are saved with the case whenever the analyst changes them (undo and redo included).
  useEffect(() => {
    if (!caseRow || storedRules.current === null || storedRules.current === rules) return;
    storedRules.current = rules;
    saveCaseRules(database(), caseRow.id, rules).catch((error: unknown) => setMessage({ text: error instanceof Error ? error.message : String(error), error: true }));
  }, [caseRow, rules, setMessage]);

  return { fxPerUsd, ratesKnown: caseRow !== null && ratesFor === caseRow.id, fileNames, sources, charts, setCharts, templates, setTemplates, grades, setGrades };
}
