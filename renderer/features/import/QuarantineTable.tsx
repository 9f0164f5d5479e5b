import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { describeQuarantineReason } from '../../../shared/import';
import type { QuarantineEntry } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';

const ROW_HEIGHT = 30;

/**
 * Every quarantined row with where and why. Virtualised: a bank export with a
 * broken column can quarantine hundreds of thousands of rows, and only the
 * few on screen are rendered.
 */
export function QuarantineTable({ entries }: { entries: readonly QuarantineEntry[] }) {
  const { t, number, language } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const height = Math.min(360, Math.max(ROW_HEIGHT * 2, entries.length * ROW_HEIGHT + 2));
  return (
    <div className="quarantine" role="table" aria-rowcount={entries.length + 1} data-testid="quarantine-table">
      <div className="quarantine-row quarantine-head" role="row">
        <span role="columnheader">{t('import.quarantine.line')}</span>
        <span role="columnheader">{t('import.quarantine.column')}</span>
        <span role="columnheader">{t('import.quarantine.value')}</span>
        <span role="columnheader">{t('import.quarantine.reason')}</span>
        <span role="columnheader">{t('import.quarantine.file')}</span>
      </div>
      <div ref={scrollRef} className="quarantine-scroll" style={{ height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const reason = describeQuarantineReason(entry, language, (field) => t(`import.field.${field}`));
            return (
              <div
                key={item.key}
                className="quarantine-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-testid="quarantine-row"
                data-line={entry.line}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="num" data-testid="quarantine-line">
                  {number(entry.line)}
                </span>
                <span role="cell" title={entry.field}>
                  {entry.column ? entry.column : <em className="muted">{t('import.quarantine.wholeRow')}</em>}
                </span>
                <span role="cell" className="value" title={entry.value}>
                  {entry.value === '' ? <em className="muted">{t('import.quarantine.empty')}</em> : entry.value}
                  {entry.truncated && <em className="muted" data-testid="quarantine-cut"> {t('import.quarantine.cut')}</em>}
                </span>
                <span role="cell" className="reason" data-testid="quarantine-reason" data-code={entry.code} title={reason}>
                  {reason}
                </span>
                <span role="cell" className="muted" title={entry.file}>
                  {entry.file}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
