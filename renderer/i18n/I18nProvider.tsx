import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatAmount, formatDate, formatDateTime, formatNumber, interpolate, LOCALE_OF, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/model';
import { mergedMessages } from './registry';

const STORAGE_KEY = 'caudal.language';

export interface I18n {
  language: Language;
  locale: string;
  setLanguage(language: Language): void;
  t(key: string, params?: MessageParams): string;
  amount(value: number, currency?: string): string;
  number(value: number, fractionDigits?: number, minimumFractionDigits?: number): string;
  date(timestamp: number): string;
  dateTime(timestamp: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'es' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = mergedMessages(language);
    return {
      language,
      locale: LOCALE_OF[language],
      setLanguage,
      // A missing key shows itself, so a gap in a catalogue is visible, never blank.
      t: (key, params) => interpolate(messages[key] ?? key, params),
      amount: (value, currency) => formatAmount(value, currency, language),
      number: (value, digits, minimumDigits) => formatNumber(value, language, digits, minimumDigits),
      date: (timestamp) => formatDate(timestamp, language),
      dateTime: (timestamp) => formatDateTime(timestamp, language),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n must be used inside <I18nProvider>');
  return context;
}
