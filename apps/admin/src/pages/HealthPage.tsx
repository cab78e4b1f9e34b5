import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { api } from '../lib/api.js';
import { useSession } from '../lib/auth.js';
import { unwrap } from '../lib/errors.js';
import { hasAnyRole } from '../lib/roles.js';
import { formatDate, formatMs } from '../lib/format.js';
import { useI18n } from '../i18n/i18n.js';

const COMPONENTS = ['database', 'redis', 'worker'] as const;

/**
 * The queue dashboard is a page of the API: a browser cannot send a bearer token when it opens a tab, so the
 * session is first copied into the dashboard's cookie, then the tab opens.
 */
function QueuesDashboardButton() {
  const { t } = useI18n();
  const open = useMutation({
    mutationFn: async () => {
      const result = await api.POST('/api/admin/queues-session');
      if (!result.response.ok) unwrap(result);
    },
    onSuccess: () => window.open('/api/admin/queues', '_blank', 'noopener'),
  });
  return (
    <p>
      <Button onClick={() => open.mutate()} loading={open.isPending} data-testid="queues-dashboard">
        {t('health.queues')}
      </Button>{' '}
      <Typography.Text type="secondary">{t('health.queuesHint')}</Typography.Text>
      {open.isError ? <span role="alert"> {open.error.message}</span> : null}
    </p>
  );
}

/** PostgreSQL, Redis and worker status, refreshed every 5 s; shown on the login page and to admins. */
export function HealthPanel() {
  const { t, locale } = useI18n();
  const session = useSession();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      // 503 still carries the report naming what is down, so both statuses are data here.
      const { data, error, response } = await api.GET('/api/health');
      const report = data ?? error;
      if (!report) throw new Error(`HTTP ${response.status}`);
      return { report, checkedAt: new Date() };
    },
    refetchInterval: 5000,
    retry: false,
  });

  if (health.isPending) return <p role="status">{t('health.loading')}</p>;
  if (health.isError)
    return (
      <p role="alert" className="banner banner-error">
        {t('health.unreachable')}
      </p>
    );

  const { report, checkedAt } = health.data;
  const downNames = report.down.map((name) => t(`health.component.${name}`)).join(', ');
  const time = checkedAt.toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('health.title')}</h2>
      <p role="status" data-testid="health-summary" className={`banner ${report.status === 'ok' ? 'banner-ok' : 'banner-error'}`}>
        {report.status === 'ok' ? t('health.ok') : t('health.error', { names: downNames })}
      </p>
      <ul className="components">
        {COMPONENTS.map((name) => {
          const component = report.checks[name];
          return (
            <li key={name} data-testid={`health-${name}`} data-status={component.status} className={`component component-${component.status}`}>
              <strong>{t(`health.component.${name}`)}</strong>
              <span className="pill">{component.status === 'up' ? t('health.up') : t('health.down')}</span>
              <small>
                {t('health.latency')}: {formatMs(component.latencyMs, locale)}
                {component.detail ? ` — ${component.detail}` : ''}
              </small>
            </li>
          );
        })}
      </ul>
      {hasAnyRole(session?.user, ['admin']) ? <QueuesDashboardButton /> : null}
      <p className="muted">{t('health.checkedAt', { time: `${time} ${formatDate(checkedAt, locale)}` })}</p>
    </section>
  );
}

export default HealthPanel;
