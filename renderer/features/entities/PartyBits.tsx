import type { Party } from '../../../shared/model';
import { useI18n } from '../../i18n/I18nProvider';
import { idDisplay } from './facts';

/** File names by SHA-256, so provenance reads "personas.csv, line 12" rather than a hash. */
export type FileNames = ReadonlyMap<string, string>;

export function fileLabel(files: FileNames, sha256: string): string {
  return files.get(sha256) ?? `${sha256.slice(0, 12)}…`;
}

/** ID type, normalised number and whether its check digit verifies. */
export function IdCell({ party }: { party: Pick<Party, 'idNumber' | 'idType'> }) {
  const { t } = useI18n();
  const id = idDisplay(party);
  if (!id) return <span className="muted">{t('entities.noId')}</span>;
  const title =
    id.checkDigit === 'valid'
      ? t('entities.check.validTitle', { scheme: id.note ?? '' })
      : id.checkDigit === 'invalid'
        ? t('entities.check.invalidTitle', { note: id.note ?? '' })
        : id.checkDigit === 'no-scheme'
          ? t('entities.check.no-schemeTitle')
          : t('entities.check.uncheckedTitle');
  return (
    <span className="entity-id">
      {id.type && <span className="id-type">{id.type}</span>}
      <span className="id-number" data-testid="party-id-number">{id.number}</span>
      <span className={`check-badge check-${id.checkDigit}`} title={title} data-testid="check-badge" data-check={id.checkDigit}>
        {t(`entities.check.${id.checkDigit}`)}
      </span>
    </span>
  );
}

export function KindBadge({ kind }: { kind: Party['kind'] }) {
  const { t } = useI18n();
  return <span className={`kind-badge kind-${kind}`}>{t(`entities.kind.${kind}`)}</span>;
}

export function PepBadge() {
  const { t } = useI18n();
  return (
    <span className="pep-badge" title={t('entities.pepTitle')}>
      {t('entities.pep')}
    </span>
  );
}

/** Each source record of a party: file and line, and how the file wrote the name and ID. */
export function SourceList({ records, files }: { records: readonly Party[]; files: FileNames }) {
  const { t, number } = useI18n();
  return (
    <ul className="source-list" data-testid="party-sources">
      {records.map((record) => (
        <li key={`${record.source.file}:${record.source.line}:${record.id}`}>
          <span className="source-where">{t('entities.sourceLine', { file: fileLabel(files, record.source.file), line: number(record.source.line) })}</span>{' '}
          <span className="muted">{t('entities.asWritten', { name: record.name, id: record.idNumber ? ` · ${record.idType ?? ''} ${record.idNumber}`.replace('  ', ' ') : '' })}</span>
        </li>
      ))}
    </ul>
  );
}
