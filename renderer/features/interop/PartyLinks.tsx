import { useEffect, useState } from 'react';
import type { Relationship } from '../../../shared/interop/relationships';
import { useWorkspace } from '../../app/workspace';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { linksOfParty, loadCaseRelationships } from './relationshipStore';

/**
 * The holder, signatory and director links of one party, as the goAML or FtM
 * files stated them, each with its provenance. Shown in the party's detail.
 */
export function PartyLinks({ partyIds, fileName }: { partyIds: readonly string[]; fileName(sha256: string): string }) {
  const { t, number } = useI18n();
  const { caseRow, datasetVersion, dataset } = useWorkspace();
  const [links, setLinks] = useState<Relationship[]>([]);
  const caseId = caseRow?.id;
  useEffect(() => {
    if (!caseId) return;
    let live = true;
    void loadCaseRelationships(database(), caseId).then((loaded) => live && setLinks(loaded));
    return () => {
      live = false;
    };
  }, [caseId, datasetVersion]);

  const ids = new Set(partyIds);
  const idNumbers = new Set((dataset?.parties ?? []).filter((party) => ids.has(party.id) && party.idNumber).map((party) => party.idNumber as string));
  const held = new Set((dataset?.accounts ?? []).filter((account) => account.holderId !== undefined && idNumbers.has(account.holderId)).map((account) => account.id));
  const mine = linksOfParty(links, ids, held);
  if (mine.length === 0) return null;
  return (
    <div className="party-links" data-testid="party-links">
      <strong>{t('interop.links.title', { count: number(mine.length) })}</strong>
      <ul>
        {mine.map((link) => (
          <li key={link.id} data-testid="party-link" data-kind={link.kind} data-party={link.partyName} data-target={link.targetId}>
            {t(`interop.links.${link.kind}`, { party: link.partyName, target: link.targetName ?? link.targetId })}
            {link.role ? ` ${t('interop.links.role', { role: link.role })}` : ''}{' '}
            <span className="muted small">{t('interop.links.source', { file: fileName(link.source.file), line: number(link.source.line), path: link.source.path ?? '' })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
