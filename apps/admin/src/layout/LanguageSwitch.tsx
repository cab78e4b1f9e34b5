import { Button } from 'antd';
import { useI18n } from '../i18n/i18n.js';

/** Switches between Vietnamese (default) and English; the choice is kept across reloads. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Button type="default" onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}>
      {t('lang.switch')}
    </Button>
  );
}
