import { Card, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { unitLabel } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import type { Round, RoundList } from './types.js';

/** The rounds in the user's scope, newest first. */
export default function RoundsPage() {
  const { t, label, locale } = useI18n();
  const query = useQuery({ queryKey: ['rounds'], queryFn: async () => unwrap<RoundList>(await api.GET('/api/rounds')) });
  return (
    <Card title={<Typography.Title level={3}>{t('rounds.title')}</Typography.Title>}>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SimpleTable<Round>
          testId="rounds"
          rows={[...query.data.items].sort((a, b) => b.year - a.year)}
          rowKey={(row) => row.id}
          empty={<EmptyState why={t('rounds.empty')} />}
          columns={[
            { key: 'name', title: t('rounds.col.name'), render: (row) => <Link to={`/rounds/${row.id}`}>{row.name}</Link> },
            { key: 'level', title: t('rounds.col.level'), render: (row) => label('level', row.level) },
            { key: 'year', title: t('rounds.col.year'), render: (row) => row.year },
            { key: 'scope', title: t('rounds.col.scope'), render: (row) => (row.scopeCode ? unitLabel(row.level, row.scopeCode, locale) : '—') },
            { key: 'status', title: t('rounds.col.status'), render: (row) => <Tag color={row.status === 'decided' ? 'green' : 'blue'}>{label('roundStatus', row.status)}</Tag> },
          ]}
        />
      ) : null}
    </Card>
  );
}
