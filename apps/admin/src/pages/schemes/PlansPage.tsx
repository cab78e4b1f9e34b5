import { useState } from 'react';
import { Card, InputNumber, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions } from '../../lib/format.js';
import type { Plan } from './types.js';

/** The annual plans (national and provincial) with what is allocated against them. */
export default function PlansPage() {
  const { t, label, locale } = useI18n();
  const [year, setYear] = useState<number>(dayjs().year());
  const query = useQuery({ queryKey: ['plans', year], queryFn: async () => unwrap(await api.GET('/api/plans', { params: { query: { year } } })) });
  return (
    <Card
      title={<Typography.Title level={3}>{t('plans.title')}</Typography.Title>}
      extra={<InputNumber aria-label={t('schemes.year')} min={2021} max={2100} value={year} onChange={(value) => value && setYear(value)} />}
    >
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SimpleTable<Plan>
          testId="plans"
          rows={query.data.items}
          rowKey={(row) => row.id}
          empty={<EmptyState why={t('plans.empty')} />}
          columns={[
            { key: 'scope', title: t('plans.col.scope'), render: (row) => (row.provinceCode ? label('province', row.provinceCode) : t('plans.national')) },
            { key: 'source', title: t('plans.col.source'), render: (row) => label('fundingSource', row.fundingSource) },
            { key: 'version', title: t('plans.col.version'), render: (row) => row.currentVersion },
            { key: 'amount', title: t('plans.col.amount'), render: (row) => formatBillions(row.amount, locale) },
            { key: 'allocations', title: t('plans.col.allocations'), render: (row) => formatBillions(row.allocations, locale) },
          ]}
        />
      ) : null}
    </Card>
  );
}
