import { useI18n } from '../../i18n/I18nProvider';

interface AnalystPassphraseFieldsProps {
  analysts: readonly { id: string; name: string }[];
  analystId: string;
  onAnalyst(id: string): void;
  passphrase: string;
  onPassphrase(passphrase: string): void;
  /** Test ids `${testIdPrefix}-analyst` and `${testIdPrefix}-passphrase`. */
  testIdPrefix: string;
  autoFocus?: boolean;
}

/** Who is signing in and their passphrase: the same two fields unlock this device's store and a restored backup. */
export function AnalystPassphraseFields({ analysts, analystId, onAnalyst, passphrase, onPassphrase, testIdPrefix, autoFocus = false }: AnalystPassphraseFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('lock.analyst')}
        <select data-testid={`${testIdPrefix}-analyst`} value={analystId} onChange={(event) => onAnalyst(event.target.value)}>
          {analysts.map((row) => (
            <option key={row.id} value={row.id}>
              {row.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('lock.passphrase')}
        <input type="password" data-testid={`${testIdPrefix}-passphrase`} autoFocus={autoFocus} autoComplete="current-password" value={passphrase} onChange={(event) => onPassphrase(event.target.value)} />
      </label>
    </>
  );
}
