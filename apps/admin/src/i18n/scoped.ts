// Words of one group of screens kept out of the global tables (messages.ts), so that they load with those screens'
// own chunks and not with the login page (the login + home budget is 300 KB gzipped).
import { useI18n } from './i18n.js';
import type { MessageKey } from './messages.js';

/**
 * A hook like `useI18n()` whose `t` looks the screens' own words up first, then the global tables. The English
 * table must have every key of the Vietnamese one.
 */
export function scopedTranslations<K extends string>(vi: Readonly<Record<K, string>>, en: Readonly<Record<K, string>>) {
  return function useScopedI18n() {
    const i18n = useI18n();
    const table: Readonly<Record<string, string>> = i18n.locale === 'vi' ? vi : en;
    const t = (key: K | MessageKey, params: Record<string, string | number> = {}): string => {
      const own = table[key];
      if (own === undefined) return i18n.t(key as MessageKey, params);
      return own.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
    };
    return { ...i18n, t };
  };
}
