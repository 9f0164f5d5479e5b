import { DATE_ORDERS, FIELD_DEFINITIONS, type DateOrder, type FieldDefinition, type FieldSource, type MappingSpec } from '../../../shared/import';
import { useI18n } from '../../i18n/I18nProvider';
import { columnsNotInFile, columnsOf, dateOrderOfPattern, datePatternFor, sourceModeOf, switchSourceMode, withField, type SourceMode } from './mappingEdit';

interface MappingEditorProps {
  spec: MappingSpec;
  headers: string[];
  sampleRows: string[][];
  onChange(spec: MappingSpec): void;
}

const MODES: SourceMode[] = ['none', 'column', 'columns', 'constant'];
/** How joined columns are glued: date + time with a space, name parts with a space, codes with nothing or a dash. */
const SEPARATORS = [' ', '', '-', ', '];
const SEPARATOR_NAMES: Record<string, string> = { ' ': 'space', '': 'nothing', '-': 'dash', ', ': 'comma' };

/** One row per field of the record kind: where its value comes from, and how to read it. */
export function MappingEditor({ spec, headers, sampleRows, onChange }: MappingEditorProps) {
  const { t } = useI18n();
  const missing = new Set(columnsNotInFile(spec, headers));
  const sampleOf = (column: string) => {
    const index = headers.indexOf(column);
    return index < 0 ? undefined : sampleRows.find((row) => (row[index] ?? '').trim() !== '')?.[index];
  };
  return (
    <table className="data mapping-table" data-testid="mapping-editor">
      <thead>
        <tr>
          <th>{t('import.mapping.field')}</th>
          <th>{t('import.mapping.source')}</th>
          <th>{t('import.mapping.options')}</th>
        </tr>
      </thead>
      <tbody>
        {FIELD_DEFINITIONS[spec.kind].map((definition) => (
          <FieldRow
            key={definition.name}
            definition={definition}
            source={spec.fields[definition.name]}
            headers={headers}
            missingColumns={missing}
            sampleOf={sampleOf}
            onChange={(source) => onChange(withField(spec, definition.name, source))}
          />
        ))}
      </tbody>
    </table>
  );
}

interface FieldRowProps {
  definition: FieldDefinition;
  source: FieldSource | undefined;
  headers: string[];
  missingColumns: Set<string>;
  sampleOf(column: string): string | undefined;
  onChange(source: FieldSource | undefined): void;
}

function FieldRow({ definition, source, headers, missingColumns, sampleOf, onChange }: FieldRowProps) {
  const { t } = useI18n();
  const mode = sourceModeOf(source);
  const field = definition.name;
  const unmapped = definition.required && mode === 'none';

  const columnSelect = (value: string, onSelect: (column: string) => void, testId: string) => (
    <select data-testid={testId} value={value} className={missingColumns.has(value) ? 'invalid' : ''} onChange={(event) => onSelect(event.target.value)}>
      <option value="">{t('import.mapping.chooseColumn')}</option>
      {missingColumns.has(value) && <option value={value}>{value} ⚠</option>}
      {headers.map((header) => (
        <option key={header} value={header}>
          {header}
        </option>
      ))}
    </select>
  );

  const firstColumn = source && 'column' in source ? source.column : source && 'columns' in source ? source.columns[0] : undefined;
  return (
    <tr data-testid={`mapping-row-${field}`} className={unmapped ? 'unmapped' : ''}>
      <th scope="row">
        {t(`import.field.${field}`)}
        {definition.required && (
          <span className="required" title={t('import.mapping.required')}>
            {' '}
            *
          </span>
        )}
        <div className="field-code">{field}</div>
      </th>
      <td>
        <div className="source-editor">
          <select data-testid={`mapping-mode-${field}`} value={mode} onChange={(event) => onChange(switchSourceMode(source, event.target.value as SourceMode, headers))}>
            {MODES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`import.mapping.source.${candidate}`)}
              </option>
            ))}
          </select>
          {source && 'column' in source && columnSelect(source.column, (column) => onChange({ ...source, column }), `mapping-field-${field}`)}
          {source && 'columns' in source && (
            <span className="columns-editor">
              {source.columns.map((column, index) => (
                <span key={index} className="joined-column">
                  {columnSelect(
                    column,
                    (next) => onChange({ ...source, columns: source.columns.map((old, at) => (at === index ? next : old)) }),
                    `mapping-field-${field}-${index}`,
                  )}
                  {source.columns.length > 1 && (
                    <button type="button" className="link" aria-label={t('import.mapping.removeColumn')} title={t('import.mapping.removeColumn')} onClick={() => onChange({ ...source, columns: source.columns.filter((_, at) => at !== index) })}>
                      ×
                    </button>
                  )}
                </span>
              ))}
              <button type="button" data-testid={`mapping-add-column-${field}`} onClick={() => onChange({ ...source, columns: [...source.columns, ''] })}>
                {t('import.mapping.addColumn')}
              </button>
              <label className="inline">
                {t('import.mapping.separator')}
                <select data-testid={`mapping-separator-${field}`} value={source.separator ?? ' '} onChange={(event) => onChange({ ...source, separator: event.target.value })}>
                  {SEPARATORS.map((separator) => (
                    <option key={separator} value={separator}>
                      {t(`import.mapping.separator.${SEPARATOR_NAMES[separator] ?? 'space'}`)}
                    </option>
                  ))}
                </select>
              </label>
            </span>
          )}
          {source && 'constant' in source && (
            <input data-testid={`mapping-constant-${field}`} placeholder={t('import.mapping.constant')} value={source.constant} onChange={(event) => onChange({ ...source, constant: event.target.value })} />
          )}
        </div>
        {columnsOf(source).filter((column) => missingColumns.has(column)).map((column) => (
          <div key={column} className="error small">
            {t('import.mapping.missingColumn', { column })}
          </div>
        ))}
      </td>
      <td>
        {source && definition.type === 'amount' && (
          <select
            data-testid={`mapping-decimal-${field}`}
            value={source.decimalSeparator ?? ''}
            onChange={(event) => {
              const { decimalSeparator: _old, ...rest } = source;
              const value = event.target.value;
              onChange(value === ',' || value === '.' ? { ...rest, decimalSeparator: value } : rest);
            }}
          >
            <option value="">{t('import.mapping.decimal.file')}</option>
            <option value=",">{t('import.mapping.decimal.comma')}</option>
            <option value=".">{t('import.mapping.decimal.point')}</option>
          </select>
        )}
        {source && definition.type === 'date' && mode !== 'constant' && (
          <select
            data-testid={`mapping-date-order-${field}`}
            value={dateOrderOfPattern(source.datePattern) ?? ''}
            onChange={(event) => {
              const { datePattern: _old, ...rest } = source;
              const order = event.target.value as DateOrder | '';
              const sample = mode === 'columns' && source && 'columns' in source ? source.columns.map((column) => sampleOf(column) ?? '').join(source.separator ?? ' ') : firstColumn ? sampleOf(firstColumn) : undefined;
              onChange(order ? { ...rest, datePattern: datePatternFor(sample, order) } : rest);
            }}
          >
            <option value="">{t('import.mapping.dateOrder.file')}</option>
            {DATE_ORDERS.map((order) => (
              <option key={order} value={order}>
                {t(`import.mapping.dateOrder.${order}`)}
              </option>
            ))}
          </select>
        )}
        {source?.datePattern && <code className="pattern">{source.datePattern}</code>}
      </td>
    </tr>
  );
}
