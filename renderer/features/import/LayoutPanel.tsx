import { DELIMITERS, ENCODINGS, type CsvSniff, type DelimiterChoice, type EncodingChoice, type MappingSpec } from '../../../shared/import';
import { useI18n } from '../../i18n/I18nProvider';
import { Preview } from './MappingPreview';

/** How the file is laid out, each either detected ('auto') or set by the analyst. */
export interface Layout {
  encoding: EncodingChoice;
  delimiter: DelimiterChoice;
  skipLines: number | 'auto';
}
export const AUTO_LAYOUT: Layout = { encoding: 'auto', delimiter: 'auto', skipLines: 'auto' };

/** Preamble lines the analyst may skip by hand (bank exports put a title block of a few lines above the header). */
const MAX_SKIP_LINES = 20;

/** Step 2 of an import: what the sniffer detected (encoding, delimiter, preamble, decimal mark), each overridable, and a preview. */
export function LayoutPanel(props: { sniff: CsvSniff; spec: MappingSpec; layout: Layout; onLayout(layout: Layout): void; onSpec(spec: MappingSpec): void }) {
  const { sniff, spec, layout, onLayout, onSpec } = props;
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="import-layout">
      <h2>{t('import.step.layout')}</h2>
      <div className="layout-row">
        <label>
          {t('import.sniff.encoding')}
          <select data-testid="sniff-encoding" value={layout.encoding} onChange={(event) => onLayout({ ...layout, encoding: event.target.value as EncodingChoice })}>
            {ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding === 'auto' ? t('import.sniff.auto', { value: sniff.encoding }) : encoding}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.sniff.delimiter')}
          <select data-testid="sniff-delimiter" value={layout.delimiter} onChange={(event) => onLayout({ ...layout, delimiter: event.target.value as DelimiterChoice })}>
            {DELIMITERS.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {delimiter === 'auto' ? t('import.sniff.auto', { value: t(`import.delimiter.${sniff.delimiter}`) }) : t(`import.delimiter.${delimiter}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.sniff.skipLines')}
          <select data-testid="sniff-skip" value={String(layout.skipLines)} onChange={(event) => onLayout({ ...layout, skipLines: event.target.value === 'auto' ? 'auto' : Number(event.target.value) })}>
            <option value="auto">{t('import.sniff.auto', { value: sniff.skipLines })}</option>
            {Array.from({ length: MAX_SKIP_LINES + 1 }, (_, lines) => (
              <option key={lines} value={lines}>
                {lines}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('import.sniff.decimal')}
          <select data-testid="sniff-decimal" value={spec.decimalSeparator} onChange={(event) => onSpec({ ...spec, decimalSeparator: event.target.value as MappingSpec['decimalSeparator'] })}>
            <option value="auto">{t('import.sniff.auto', { value: sniff.decimalSeparator })}</option>
            <option value=",">{t('import.mapping.decimal.comma')}</option>
            <option value=".">{t('import.mapping.decimal.point')}</option>
          </select>
        </label>
      </div>
      <p className="muted small" data-testid="sniff-summary">
        {t('import.sniff.detected', { encoding: sniff.encoding, delimiter: t(`import.delimiter.${sniff.delimiter}`), skip: sniff.skipLines, decimal: sniff.decimalSeparator })}
      </p>
      {sniff.encodingIssueLines.length > 0 && (
        <p className="warn" role="alert" data-testid="sniff-encoding-warning">
          {t('import.encoding.sniff', { lines: sniff.encodingIssueLines.join(', '), encoding: sniff.encoding })}
        </p>
      )}
      <Preview sniff={sniff} spec={spec} />
    </section>
  );
}
