import { useState } from 'react';
import { Card, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions } from '../../lib/format.js';
import type { SchemeSummary } from './types.js';

/** Schemes in the user's scope, by year and funding source. */
export default function SchemesPage() {
  const { t, label, locale } = useI18n();
  const [year, setYear] = useState<number | null>(null);
  const [source, setSource] = useState<'NATIONAL' | 'LOCAL' | undefined>(undefined);
  const query = useQuery({
    queryKey: ['schemes', year, source],
    queryFn: async () =>
      unwrap(await api.GET('/api/schemes', { params: { query: { limit: 200, ...(year ? { year } : {}), ...(source ? { fundingSource: source } : {}) } } })),
  });
  return (
    <Card
      title={<Typography.Title level={3}>{t('schemes.title')}</Typography.Title>}
      extra={
        <Space wrap>
          <InputNumber placeholder={t('schemes.year')} aria-label={t('schemes.year')} min={2021} max={2100} value={year} onChange={(value) => setYear(value)} />
          <Select
            allowClear
            placeholder={t('schemes.source')}
            aria-label={t('schemes.source')}
            style={{ width: 220 }}
            value={source}
            onChange={(value) => setSource(value)}
            options={(['NATIONAL', 'LOCAL'] as const).map((value) => ({ value, label: label('fundingSource', value) }))}
          />
        </Space>
      }
    >
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SimpleTable<SchemeSummary>
          testId="schemes"
          rows={query.data.items}
          rowKey={(row) => row.id}
          empty={<EmptyState why={t('schemes.empty')} />}
          columns={[
            { key: 'code', title: t('schemes.col.code'), render: (row) => row.code },
            { key: 'title', title: t('schemes.col.title'), render: (row) => <Link to={`/schemes/${row.id}`}>{row.title}</Link> },
            { key: 'province', title: t('schemes.col.province'), render: (row) => (row.provinceCode ? label('province', row.provinceCode) : '—') },
            { key: 'source', title: t('schemes.source'), render: (row) => label('fundingSource', row.fundingSource) },
            { key: 'stage', title: t('schemes.col.stage'), render: (row) => <Tag>{label('stage', row.stage)}</Tag> },
            { key: 'requested', title: t('schemes.col.requested'), render: (row) => formatBillions(row.requestedAmount, locale) },
            { key: 'allocated', title: t('schemes.col.allocated'), render: (row) => (row.allocatedAmount === null ? '—' : formatBillions(row.allocatedAmount, locale)) },
            { key: 'disbursed', title: t('schemes.col.disbursed'), render: (row) => formatBillions(row.disbursedAmount, locale) },
          ]}
        />
      ) : null}
      {query.data ? <Typography.Text className="muted">{query.data.total}</Typography.Text> : null}
    </Card>
  );
}
