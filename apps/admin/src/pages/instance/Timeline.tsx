import { Alert, Card, Timeline as AntTimeline, Typography } from 'antd';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDate } from '../../lib/format.js';
import { useChain, useHistory } from './queries.js';

function timeOf(at: string, locale: 'vi' | 'en'): string {
  const time = new Date(at).toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });
  return `${formatDate(at, locale)} ${time}`;
}

/** Every event of the dossier, newest first, with who did it, the move it made and the reason given. */
export function Timeline({ instanceId }: { instanceId: string }) {
  const { t, label, locale } = useI18n();
  const history = useHistory(instanceId);
  const chain = useChain(instanceId);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  const events = [...history.data.events].reverse();
  return (
    <Card title={t('instance.timeline')} data-testid="timeline">
      {chain.data ? (
        <Alert
          className="gap"
          type={chain.data.ok ? 'success' : 'error'}
          showIcon
          title={chain.data.ok ? t('instance.chainOk', { count: chain.data.count }) : t('instance.chainBroken', { seq: chain.data.brokenAtSeq ?? '?' })}
        />
      ) : null}
      {events.length === 0 ? (
        <EmptyState why={t('instance.timelineEmpty')} />
      ) : (
        <AntTimeline
          items={events.map((event) => {
            // The stored event is the engine's whole event; its own data (reason, transition) sits one level down.
            const outer = event.data ?? {};
            const data = outer.data !== null && typeof outer.data === 'object' ? (outer.data as Record<string, unknown>) : outer;
            const transition = data.transition as { from?: string; to?: string } | undefined;
            const reason = typeof data.reason === 'string' ? data.reason : null;
            return {
              key: event.seq,
              color: event.type === 'reject' || event.type === 'return' ? 'red' : 'blue',
              content: (
                <div data-testid="timeline-event" data-type={event.type}>
                  <Typography.Text strong>{label('action', event.type)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{timeOf(event.at, locale)}</Typography.Text>
                  {transition?.from && transition.to ? (
                    <div>
                      {label('stage', transition.from)} → {label('stage', transition.to)}
                    </div>
                  ) : null}
                  {reason ? (
                    <div>
                      {t('instance.reason')}: {reason}
                    </div>
                  ) : null}
                  {event.data === null ? <Typography.Text type="secondary">{t('instance.timelineHidden')}</Typography.Text> : null}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
