import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { PlanLinesTable } from '../imports/PlanLinesTable.js';
import { formatDate, formatPercent, formatVnd } from '../../lib/format.js';
import { AdjustPlanDialog } from './AdjustPlanDialog.js';
import { signedVnd } from './money.js';
import type { PlanDetail, PlanLine, PlanVersion } from './types.js';

/** `07/12/2026 10:42`, read in Viet Nam. */
function formatInstant(value: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(value));
  return `${formatDate(value)} ${time}`;
}

function Versions({ plan }: { plan: PlanDetail }) {
  const { t, locale } = usePlansI18n();
  const rows = [...plan.versions].reverse();
  return (
    <SimpleTable<PlanVersion>
      testId="plan-versions"
      rows={rows}
      rowKey={(row) => String(row.version)}
      empty={null}
      columns={[
        { key: 'version', title: t('plan.col.version'), render: (row) => row.version },
        { key: 'amount', title: t('plan.col.amount'), render: (row) => formatVnd(row.amount, locale) },
        {
          key: 'change',
          title: t('plan.col.change'),
          render: (row) =>
            row.difference === null ? (
              t('plan.first')
            ) : (
              <Tag color={row.difference > 0 ? 'green' : row.difference < 0 ? 'volcano' : 'default'}>{signedVnd(row.difference, locale)}</Tag>
            ),
        },
        { key: 'kind', title: t('plan.col.kind'), render: (row) => t(row.kind === 'adjustment' ? 'plan.kind.adjustment' : 'plan.kind.derived') },
        { key: 'reason', title: t('plan.col.reason'), render: (row) => row.reason ?? '—' },
        { key: 'by', title: t('plan.col.by'), render: (row) => row.createdByName ?? t('plan.by.system') },
        { key: 'at', title: t('plan.col.at'), render: (row) => formatInstant(row.createdAt) },
      ]}
    />
  );
}

/** One annual plan: its amount and version, its lines by content group, its versions, and the adjustment. */
function PlanView({ plan }: { plan: PlanDetail }) {
  const { t, label, locale } = usePlansI18n();
  const [adjusting, setAdjusting] = useState(false);
  const scope = plan.provinceCode ? label('province', plan.provinceCode) : t('plans.national');
  const disbursed = plan.lines.reduce((sum, line) => sum + line.disbursed, 0);
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="plan-title">
          {t('plan.title', { source: label('fundingSource', plan.fundingSource), scope, year: plan.year })}
        </Typography.Title>
      }
    >
      <p>
        <Link to="/plans">{t('pc.back.plans')}</Link>
      </p>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="gap" data-testid="plan-summary">
        <Descriptions.Item label={t('plan.amount')}>
          <span data-testid="plan-amount">{formatVnd(plan.amount, locale)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plan.version')}>
          <span data-testid="plan-version">{plan.currentVersion}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('plan.allocations')}>{formatVnd(plan.allocations, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('plan.gap')}>{signedVnd(plan.amount - plan.allocations, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('plan.disbursed')}>{formatVnd(disbursed, locale)}</Descriptions.Item>
      </Descriptions>
      {plan.mayAdjust ? (
        <Button type="primary" className="gap" onClick={() => setAdjusting(true)} data-testid="adjust-plan">
          {t('plan.adjust')}
        </Button>
      ) : (
        <Alert
          className="gap"
          type="info"
          showIcon
          data-testid="plan-read-only"
          title={t(plan.fundingSource === 'NATIONAL' ? 'plan.readOnly.national' : 'plan.readOnly.local')}
        />
      )}
      <Typography.Title level={4}>{t('plan.lines')}</Typography.Title>
      <SimpleTable<PlanLine>
        testId="plan-lines"
        rows={plan.lines}
        rowKey={(row) => `${row.contentGroupCode}:${row.fundingSource}`}
        empty={<EmptyState why={t('plan.lines.empty')} />}
        columns={[
          { key: 'group', title: t('plan.col.group'), render: (row) => label('contentGroup', row.contentGroupCode) },
          { key: 'source', title: t('plans.col.source'), render: (row) => label('fundingSource', row.fundingSource) },
          { key: 'schemes', title: t('plan.col.schemes'), render: (row) => row.schemes },
          { key: 'allocated', title: t('plan.col.allocated'), render: (row) => formatVnd(row.allocated, locale) },
          { key: 'disbursed', title: t('plan.col.disbursed'), render: (row) => formatVnd(row.disbursed, locale) },
          { key: 'rate', title: t('plan.col.rate'), render: (row) => (row.allocated > 0 ? formatPercent((row.disbursed * 100) / row.allocated, locale) : '—') },
        ]}
      />
      {plan.provinceCode ? <PlanLinesTable provinceCode={plan.provinceCode} year={plan.year} /> : null}
      <Typography.Title level={4} className="gap-top">
        {t('plan.versions')}
      </Typography.Title>
      <Versions plan={plan} />
      {adjusting ? <AdjustPlanDialog plan={plan} onClose={() => setAdjusting(false)} /> : null}
    </Card>
  );
}

/** The plan page: `/plans/:id`. */
export default function PlanPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['plan', id],
    enabled: id !== '',
    queryFn: async () => unwrap(await api.GET('/api/plans/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <PlanView plan={query.data} /> : null}
    </>
  );
}
