import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { type Locale } from '../lib/format.js';
import { label as labelOf, type LabelKind } from './labels/index.js';
import { en, vi, type MessageKey } from './messages.js';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A code's label in the current language, from the one label source (i18n/labels); never the bare code. */
  label: (kind: LabelKind, code: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);
const STORAGE_KEY = 'kc.locale';

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const table = locale === 'vi' ? vi : en;
    const t: I18n['t'] = (key, params = {}) =>
      table[key].replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
    return {
      locale,
      setLocale,
      t,
      label: (kind, code) => labelOf(kind, code, locale),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
