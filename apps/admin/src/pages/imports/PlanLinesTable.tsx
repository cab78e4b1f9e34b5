import { Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useImportsI18n } from '../../i18n/importsScreens.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatVnd } from '../../lib/format.js';
import type { paths } from '@khuyencong/api-client';

type PlanLine = paths['/api/plan-lines']['get']['responses'][200]['content']['application/json']['items'][number];

/** The lines of a province's annual plan for a year (content group × funding source), as imported; for the plans page. */
export function PlanLinesTable({ provinceCode, year }: { provinceCode: string; year: number }) {
  const { t, locale } = useImportsI18n();
  const query = useQuery({
    queryKey: ['plan-lines', provinceCode, year],
    queryFn: async () => unwrap(await api.GET('/api/plan-lines', { params: { query: { provinceCode, year } } })),
  });
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return null;
  return (
    <section aria-label={t('imports.planLines.title')}>
      <Typography.Title level={4}>{t('imports.planLines.title')}</Typography.Title>
      <SimpleTable<PlanLine>
        testId="planned-lines"
        rows={query.data.items}
        rowKey={(row) => row.id}
        empty={<EmptyState why={t('imports.planLines.empty')} />}
        columns={[
          {
            key: 'group',
            title: t('imports.planLines.group'),
            render: (row) => (
              <span title={row.contentGroupName}>
                {row.contentGroupCode} · {row.contentGroupName}
              </span>
            ),
          },
          { key: 'source', title: t('imports.planLines.source'), render: (row) => row.fundingSourceName },
          { key: 'amount', title: t('imports.planLines.amount'), render: (row) => formatVnd(row.plannedAmount, locale) },
        ]}
      />
      {query.data.items.length > 0 ? (
        <Typography.Text strong>{t('imports.planLines.total', { amount: formatVnd(query.data.total, locale) })}</Typography.Text>
      ) : null}
    </section>
  );
}
