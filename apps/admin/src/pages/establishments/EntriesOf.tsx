import { List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';

/** The entries of one establishment (from the caller's GET /api/entries), each linking to its dossier. */
export function EntriesOf({ establishmentId }: { establishmentId: string }) {
  const { t, label } = useI18n();
  const query = useQuery({
    queryKey: ['entries', 'of-establishments'],
    queryFn: async () => unwrap(await api.GET('/api/entries', { params: { query: { limit: 500 } } })),
  });
  const entries = (query.data?.items ?? []).filter((entry) => entry.establishmentId === establishmentId);
  return (
    <div data-testid={`entries-of-${establishmentId}`}>
      <Typography.Title level={5}>{t('pub.est.entries')}</Typography.Title>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <List
          size="small"
          dataSource={entries}
          locale={{ emptyText: <EmptyState why={t('pub.est.noEntries')} /> }}
          renderItem={(entry) => (
            <List.Item key={entry.instanceId}>
              <List.Item.Meta
                title={<Link to={`/instances/${entry.instanceId}`}>{entry.productName}</Link>}
                description={`${entry.code} · ${entry.roundName} · ${label('stage', entry.stage)}`}
              />
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
