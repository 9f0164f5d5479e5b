import { useEffect, useState } from 'react';
import { reidentify, type ReidentificationEntry } from '../../../shared/package';
import { database } from '../../db/database';
import { useI18n } from '../../i18n/I18nProvider';
import { listStoredPackages, type StoredPackage } from './store';

/** Packages sent and received, and the originator's re-identification of pseudonyms a partner quotes back. */
export function SentPanel() {
  const { t, dateTime } = useI18n();
  const [rows, setRows] = useState<{ id: string; stored: StoredPackage }[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    void listStoredPackages(database()).then(setRows);
  }, []);
  const tables = rows.flatMap((row) => (row.stored.direction === 'sent' ? [{ reference: row.stored.manifest.header.reference, table: row.stored.reidentification }] : []));
  const found: { reference: string; entry: ReidentificationEntry }[] = query.trim()
    ? tables.flatMap(({ reference, table }) => {
        const entry = reidentify(table, query);
        return entry ? [{ reference, entry }] : [];
      })
    : [];
  return (
    <section className="panel share-section" data-testid="share-sent">
      <h3>{t('share.sent.title')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('share.sent.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>{t('share.sent.direction')}</th>
              <th>{t('share.header.reference')}</th>
              <th>{t('share.sent.partner')}</th>
              <th>{t('share.caveat.created')}</th>
              <th>{t('share.header.expires')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{t(`share.sent.${row.stored.direction}`)}</td>
                <td>{row.stored.manifest.header.reference}</td>
                <td>{row.stored.direction === 'sent' ? row.stored.manifest.header.recipientUnit : row.stored.manifest.header.originatingUnit}</td>
                <td>{dateTime(row.stored.manifest.header.createdAt)}</td>
                <td>{dateTime(row.stored.manifest.header.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('share.sent.reidentify')}</h4>
      <p className="muted">{t('share.sent.reidentifyIntro')}</p>
      <input data-testid="share-reidentify" placeholder="ACC-… / PTY-… / NAME-…" value={query} onChange={(event) => setQuery(event.target.value)} />
      {query.trim() && (
        <ul data-testid="share-reidentified">
          {found.length === 0 ? (
            <li className="muted">{t('share.sent.unknown')}</li>
          ) : (
            found.map(({ reference, entry }) => (
              <li key={`${reference}:${entry.pseudonym}`}>
                <code>{entry.pseudonym}</code> = <strong>{entry.value}</strong> <span className="muted">({reference})</span>
              </li>
            ))
          )}
        </ul>
      )}
    </section>
  );
}
