import { useState } from 'react';
import { ftmJsonLines } from '../../../shared/interop/ftm';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { platform } from '../../platform';
import { recordSignedExport } from '../audit/custodyFiles';
import { ExportCustodyNotice } from '../audit/ExportCustodyNotice';
import { loadCaseRelationships } from './relationshipStore';

/** The whole case (resolved as the analyst sees it) with its links, as FtM JSON lines. */
export function FtmCaseExport() {
  const { t, number } = useI18n();
  const { caseRow, dataset } = useWorkspace();
  const [message, setMessage] = useState<string | null>(null);
  if (!caseRow || !dataset) return null;
  const exportCase = async () => {
    const relationships = await loadCaseRelationships(database(), caseRow.id);
    const lines = [...ftmJsonLines({ ...dataset, relationships })];
    const name = `${caseRow.number.replace(/[^\w.-]+/g, '_')}.ftm.json`;
    const result = await platform.saveFile({ suggestedName: name, data: lines.join(''), mimeType: 'application/json', filters: [{ name: 'FtM', extensions: ['json'] }] });
    // Issue 12: logged and signed like every export.
    if (result.saved) await recordSignedExport(database(), { format: 'ftm', caseId: caseRow.id, profileId: caseRow.profileId, fileName: name, data: lines.join('') });
    if (result.saved) setMessage(t('ftm.exported', { name, count: number(lines.length) }));
  };
  return (
    <>
      <p>
        <button type="button" data-testid="ftm-export-case" onClick={() => void exportCase()}>
          {t('ftm.export')}
        </button>{' '}
        {message && <span data-testid="ftm-exported">{message}</span>}
      </p>
      <ExportCustodyNotice />
    </>
  );
}
