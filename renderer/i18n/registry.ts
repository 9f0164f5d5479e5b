import type { Language } from '../../shared/model';
import { appMessages } from './catalogue';
import { alertsMessages } from '../features/alerts/messages';
import { profilesMessages } from '../features/profiles/messages';
import { casesMessages } from '../features/cases/messages';
import { importMessages } from '../features/import/messages';
import { shareMessages } from '../features/share/messages';
import { exportMessages } from '../features/export/messages';
import { graphMessages } from '../features/graph/messages';
import { entitiesMessages } from '../features/entities/messages';
import { statementMessages } from '../features/import/statement/messages';
import { lockMessages } from '../features/lock/messages';
import { auditMessages } from '../features/audit/messages';
import { goamlMessages } from '../features/import/goaml/messages';
import { interopMessages } from '../features/interop/messages';
import { screeningMessages } from '../features/screening/messages';

interface Catalogue {
  en: Record<string, string>;
  es: Record<string, string>;
}

/** Every feature catalogue, merged. Add one line per feature. */
export const CATALOGUES: Catalogue[] = [appMessages, alertsMessages, profilesMessages, casesMessages, importMessages, shareMessages, exportMessages, graphMessages, entitiesMessages, statementMessages, lockMessages, auditMessages, goamlMessages, interopMessages, screeningMessages];

export function mergedMessages(language: Language): Record<string, string> {
  return Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue[language]));
}
