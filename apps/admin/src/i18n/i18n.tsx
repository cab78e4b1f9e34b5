import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { type Locale } from '../lib/format.js';
import { en, vi, type MessageKey } from './messages.js';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** For keys built at run time (stage and action names): falls back to the raw name when unknown. */
  label: (prefix: 'stage' | 'action' | 'role' | 'definition' | 'deadline' | 'scopeType' | 'calendars.kind' | 'level' | 'attribute' | 'certStatus' | 'roundStatus' | 'source', name: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);
const STORAGE_KEY = 'kc.locale';

function initialLocale(): Locale {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

function isKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(vi, key);
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
      label: (prefix, name) => {
        const key = `${prefix}.${name}`;
        return isKey(key) ? table[key] : name;
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
