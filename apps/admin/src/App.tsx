import { useI18n } from './i18n/i18n.js';
import { HealthPage } from './pages/HealthPage.js';

export function App() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="layout">
      <header className="topbar">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <button type="button" onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')}>
          {t('lang.switch')}
        </button>
      </header>
      <main>
        <HealthPage />
      </main>
    </div>
  );
}
