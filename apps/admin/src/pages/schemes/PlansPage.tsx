import { Card, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions } from '../../lib/format.js';
import { matchesName } from '../public/units.js';
import { provincesOf } from '../plans/money.js';
import type { Plan } from './types.js';

const PLAN_ROLES = ['provincial_officer', 'central_officer', 'signer', 'admin'];
type Source = 'NATIONAL' | 'LOCAL';

/** The annual plans (national and provincial) with what is allocated against them; filters kept in the URL. */
export default function PlansPage() {
  const { t, label, locale } = usePlansI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : dayjs().year();
  const provinceCode = params.get('province') ?? undefined;
  const sourceParam = params.get('source');
  const fundingSource: Source | undefined = sourceParam === 'NATIONAL' || sourceParam === 'LOCAL' ? sourceParam : undefined;
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const provinces = provincesOf(session?.user, PLAN_ROLES, year, locale);
  const query = useQuery({
    queryKey: ['plans', year, provinceCode, fundingSource],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/plans', { params: { query: { year, ...(provinceCode ? { provinceCode } : {}), ...(fundingSource ? { fundingSource } : {}) } } }),
      ),
  });
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('plans.title')}
        </Typography.Title>
      }
    >
      <Form layout="vertical" data-testid="plan-filters">
        <Row gutter={16}>
          <Col xs={24} sm={8} md={6}>
            <Form.Item label={t('pc.filter.year')} htmlFor="plans-year" style={{ marginBottom: 8 }}>
              <InputNumber
                id="plans-year"
                className="full"
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(value) => value && value >= 2000 && value <= 2100 && set('year', String(value))}
              />
            </Form.Item>
          </Col>
          {provinces.length > 1 ? (
            <Col xs={24} sm={8} md={9}>
              <Form.Item label={t('pc.filter.province')} htmlFor="plans-province" style={{ marginBottom: 8 }}>
                <Select
                  id="plans-province"
                  allowClear
                  showSearch={{ filterOption: matchesName }}
                  value={provinceCode}
                  options={provinces}
                  placeholder={t('pc.filter.all')}
                  onChange={(value: string | undefined) => set('province', value)}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={8} md={9}>
            <Form.Item label={t('pc.filter.source')} htmlFor="plans-source" style={{ marginBottom: 8 }}>
              <Select
                id="plans-source"
                value={fundingSource ?? 'all'}
                onChange={(value: string) => set('source', value === 'all' ? undefined : value)}
                options={[
                  { value: 'all', label: t('pc.filter.all') },
                  ...(['NATIONAL', 'LOCAL'] as const).map((code) => ({ value: code, label: label('fundingSource', code) })),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SimpleTable<Plan>
          testId="plans"
          rows={query.data.items}
          rowKey={(row) => row.id}
          empty={<EmptyState why={t('plans.empty')} />}
          columns={[
            {
              key: 'scope',
              title: t('plans.col.scope'),
              render: (row) => <Link to={`/plans/${row.id}`}>{row.provinceCode ? label('province', row.provinceCode) : t('plans.national')}</Link>,
            },
            { key: 'source', title: t('plans.col.source'), render: (row) => label('fundingSource', row.fundingSource) },
            { key: 'year', title: t('pc.filter.year'), render: (row) => row.year },
            { key: 'version', title: t('plans.col.version'), render: (row) => row.currentVersion },
            { key: 'amount', title: t('plans.col.amount'), render: (row) => formatBillions(row.amount, locale) },
            { key: 'allocations', title: t('plans.col.allocations'), render: (row) => formatBillions(row.allocations, locale) },
            {
              key: 'open',
              title: t('plans.col.open'),
              render: (row) => (
                <Link
                  to={`/plans/${row.id}`}
                  aria-label={`${t('pc.open')} ${row.provinceCode ? label('province', row.provinceCode) : t('plans.national')} ${label('fundingSource', row.fundingSource)}`}
                >
                  {t('pc.open')}
                </Link>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
