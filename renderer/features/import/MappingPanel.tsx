import type { CsvSniff, MappingSpec } from '../../../shared/import';
import type { MappingRow } from '../../db/schema';
import { useI18n } from '../../i18n/I18nProvider';
import { FilePicker, type PickedFile } from '../../platform';
import { MappingEditor } from './MappingEditor';
import { DateQuestion } from './MappingPreview';

export interface MappingNotice {
  tone: 'ok' | 'error';
  text: string;
}

/** Step 3 of an import: which column feeds which field, from a saved mapping, a JSON file or by hand; saved and exported here. */
export function MappingPanel(props: {
  sniff: CsvSniff;
  spec: MappingSpec;
  onSpec(spec: MappingSpec): void;
  savedMappings: MappingRow[];
  /** The saved mapping in use, '' when the spec was suggested or edited. */
  savedInUse: string;
  onPickSaved(name: string): void;
  onLoadJson(files: PickedFile[]): void;
  onSave(): void;
  onExport(): void;
  notice: MappingNotice | null;
  /** A date column whose samples read both ways, asked about before anything else. */
  ambiguousDateColumn: string | undefined;
}) {
  const { sniff, spec, onSpec, notice } = props;
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="import-mapping">
      <h2>{t('import.step.mapping')}</h2>
      <div className="mapping-tools">
        <label>
          {t('import.mapping.saved')}
          <select data-testid="mapping-saved" value={props.savedInUse} onChange={(event) => props.onPickSaved(event.target.value)}>
            <option value="">{t('import.mapping.savedNone')}</option>
            {props.savedMappings.map((row) => (
              <option key={row.name} value={row.name}>
                {row.name}
              </option>
            ))}
          </select>
        </label>
        <FilePicker accept={['.json', 'application/json']} label={t('import.mapping.importJson')} testId="mapping-import-file" onFiles={props.onLoadJson} />
      </div>
      {notice && (
        <p className={notice.tone === 'error' ? 'error' : 'ok'} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="mapping-notice">
          {notice.text}
        </p>
      )}

      {props.ambiguousDateColumn !== undefined && <DateQuestion column={props.ambiguousDateColumn} sniff={sniff} onAnswer={(order) => onSpec({ ...spec, dateOrder: order })} />}

      <MappingEditor spec={spec} headers={sniff.headers} sampleRows={sniff.sampleRows} onChange={onSpec} />

      <div className="save-row">
        <label>
          {t('import.mapping.name')}
          <input data-testid="mapping-name" className="mapping-name" value={spec.name} onChange={(event) => onSpec({ ...spec, name: event.target.value })} />
        </label>
        <button type="button" data-testid="mapping-save" disabled={!spec.name.trim()} onClick={props.onSave}>
          {t('import.mapping.save')}
        </button>
        <button type="button" data-testid="mapping-export" onClick={props.onExport}>
          {t('import.mapping.export')}
        </button>
      </div>
    </section>
  );
}
