import { useState } from 'react';
import { App, Button, Card, Checkbox, Popconfirm, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatVnd } from '../../lib/format.js';
import { useApproveLocalPlan } from './queries.js';
import type { SchemeSummary } from './types.js';

/**
 * The provincial signer approves the local plan: the province's local-fund schemes that passed the base appraisal,
 * selected by checkbox and approved together (one transaction: all or none), after a confirmation.
 */
export default function LocalPlanApprovalPage() {
  const { t, label, locale } = useSchemesI18n();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const approve = useApproveLocalPlan();
  const waiting = useQuery({
    queryKey: ['schemes', 'awaiting_local_plan'],
    queryFn: async () => unwrap(await api.GET('/api/schemes', { params: { query: { stage: 'awaiting_local_plan', fundingSource: 'LOCAL', limit: 200 } } })),
  });
  if (waiting.isLoading) return <Loading />;
  if (waiting.error || !waiting.data) return <ErrorAlert error={waiting.error} onRetry={() => void waiting.refetch()} />;
  const rows = waiting.data.items;
  const chosen = rows.filter((row) => selected.has(row.id));
  const total = chosen.reduce((sum, row) => sum + (row.allocatedAmount ?? row.requestedAmount), 0);
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const run = () =>
    approve.mutate(
      chosen.map((row) => ({ schemeId: row.id, version: row.version ?? 0 })),
      {
        onSuccess: () => {
          void message.success(t('localPlan.done', { count: chosen.length }));
          setSelected(new Set());
        },
        onError: () => void waiting.refetch(),
      },
    );
  return (
    <Card title={<Typography.Title level={3}>{t('localPlan.title')}</Typography.Title>} data-testid="local-plan">
      <Typography.Paragraph type="secondary">{t('localPlan.intro')}</Typography.Paragraph>
      {approve.isError ? <ErrorAlert error={approve.error} /> : null}
      {rows.length > 0 ? (
        <Space wrap className="gap">
          <Checkbox
            checked={chosen.length === rows.length}
            indeterminate={chosen.length > 0 && chosen.length < rows.length}
            onChange={(event) => setSelected(event.target.checked ? new Set(rows.map((row) => row.id)) : new Set())}
            data-testid="select-all"
          >
            {t('localPlan.selectAll')}
          </Checkbox>
          <Popconfirm
            title={t('localPlan.approve', { count: chosen.length })}
            description={t('localPlan.confirm', { count: chosen.length, total: formatVnd(total, locale) })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={run}
            disabled={chosen.length === 0}
          >
            <Button type="primary" disabled={chosen.length === 0} loading={approve.isPending} data-testid="approve-plan">
              {t('localPlan.approve', { count: chosen.length })}
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
      <SimpleTable<SchemeSummary>
        testId="awaiting"
        rows={rows}
        rowKey={(row) => row.id}
        empty={<EmptyState why={t('localPlan.empty')} />}
        columns={[
          {
            key: 'select',
            title: t('localPlan.select'),
            render: (row) => (
              <Checkbox
                checked={selected.has(row.id)}
                onChange={(event) => toggle(row.id, event.target.checked)}
                aria-label={`${t('localPlan.select')} ${row.title}`}
                data-scheme={row.id}
              />
            ),
          },
          { key: 'title', title: t('schemeForm.name'), render: (row) => <Link to={`/schemes/${row.id}`}>{row.title}</Link> },
          { key: 'unit', title: t('schemes.col.unit'), render: (row) => row.implementingUnit },
          { key: 'activity', title: t('schemeForm.activity'), render: (row) => label('subActivity', row.subActivity) },
          { key: 'year', title: t('schemeForm.year'), render: (row) => row.year },
          { key: 'amount', title: t('schemes.col.allocated'), render: (row) => formatVnd(row.allocatedAmount ?? row.requestedAmount, locale) },
        ]}
      />
    </Card>
  );
}
