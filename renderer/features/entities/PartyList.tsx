import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { PartyEntry } from './snapshot';
import { fileLabel, IdCell, KindBadge, PepBadge, type FileNames } from './PartyBits';

const ROW_HEIGHT = 52;

/** Every party of the case, one row each; only the rows on screen are drawn, so 100,000 parties scroll like 100. */
export function PartyList({ entries, files, selectedId, onSelect }: { entries: readonly PartyEntry[]; files: FileNames; selectedId: string | null; onSelect(partyId: string): void }) {
  const { t, number } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => entries[index]?.party.id ?? index,
  });
  return (
    <div className="party-table" role="table">
      <div className="party-row party-head" role="row">
        <span role="columnheader">{t('entities.col.name')}</span>
        <span role="columnheader">{t('entities.col.id')}</span>
        <span role="columnheader">{t('entities.col.nationality')}</span>
        <span role="columnheader" className="num">{t('entities.col.accounts')}</span>
        <span role="columnheader" className="num">{t('entities.col.transactions')}</span>
        <span role="columnheader">{t('entities.col.sources')}</span>
      </div>
      <div className="party-scroll" ref={scrollRef} data-testid="party-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const { party, records, facts } = entry;
            const sources = records.map((record) => `${fileLabel(files, record.source.file)}:${record.source.line}`);
            return (
              <div
                key={item.key}
                className={`party-row${party.id === selectedId ? ' selected' : ''}`}
                role="row"
                tabIndex={0}
                aria-selected={party.id === selectedId}
                onClick={() => onSelect(party.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onSelect(party.id);
                  }
                }}
                data-testid="party-row"
                data-party-id={party.id}
                data-records={records.length}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span className="party-name" role="cell">
                  <strong data-testid="party-name">{party.name}</strong>
                  <span className="party-tags">
                    <KindBadge kind={party.kind} />
                    {party.pep && <PepBadge />}
                  </span>
                </span>
                <span role="cell">
                  <IdCell party={party} />
                </span>
                <span role="cell">{party.nationality ?? '—'}</span>
                <span role="cell" className="num">{number(facts.accounts)}</span>
                <span role="cell" className="num">{number(facts.transactions)}</span>
                <span role="cell" className="party-sources" title={sources.join('\n')}>
                  {records.length > 1 && <span className="records-badge">{t('entities.records', { count: number(records.length) })}</span>}
                  <span className="muted">{sources.join(' · ')}</span>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
