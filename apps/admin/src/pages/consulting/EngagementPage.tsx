import { Card, Descriptions, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { formatPeriod } from '../plans/money.js';
import { RevenueForm } from './RevenueForm.js';
import { KEEPER_ROLES, type Engagement, type Revenue } from './types.js';

function EngagementView({ engagement }: { engagement: Engagement }) {
  const { t, label, locale } = usePlansI18n();
  const session = useSession();
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('cs.engagement.title', { client: engagement.clientName })}
        </Typography.Title>
      }
    >
      <p>
        <Link to="/consulting">{t('pc.back.consulting')}</Link>
      </p>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="gap" data-testid="engagement-summary">
        <Descriptions.Item label={t('cs.col.client')}>{engagement.clientName}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.centre')}>{engagement.centreName}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.service')}>{engagement.service}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.province')}>{label('province', engagement.provinceCode)}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.signedOn')}>{formatDate(engagement.signedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.value')}>{formatVnd(engagement.contractValue, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('cs.col.revenue')}>
          <span data-testid="engagement-revenue-total">{formatVnd(engagement.revenueTotal, locale)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('cs.engagement.remaining')}>{formatVnd(engagement.contractValue - engagement.revenueTotal, locale)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={4}>{t('cs.revenues')}</Typography.Title>
      <SimpleTable<Revenue>
        testId="revenues"
        rows={engagement.revenues}
        rowKey={(row) => row.period}
        empty={<EmptyState why={t('cs.revenues.empty')} />}
        columns={[
          { key: 'period', title: t('cs.col.period'), render: (row) => formatPeriod(row.period) },
          { key: 'amount', title: t('cs.col.amount'), render: (row) => formatVnd(row.amount, locale) },
        ]}
      />
      {hasAnyRole(session?.user, KEEPER_ROLES) ? (
        <>
          <Typography.Title level={4} className="gap-top">
            {t('cs.revenue.record')}
          </Typography.Title>
          <RevenueForm engagement={engagement} />
        </>
      ) : null}
    </Card>
  );
}

/** One consulting engagement: `/consulting/engagements/:id`, with its revenue by month and recording a month. */
export default function EngagementPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['engagement', id],
    enabled: id !== '',
    queryFn: async () => unwrap(await api.GET('/api/consulting/engagements/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <EngagementView engagement={query.data} /> : null}
    </>
  );
}
