import { useState } from 'react';
import { Button, Card, Col, Form, Grid, Input, InputNumber, Pagination, Row, Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { provincesOf } from '../plans/money.js';
import { matchesName } from '../public/units.js';
import { ConsultingPlanCard } from './ConsultingPlanCard.js';
import { CreateEngagementDialog } from './CreateEngagementDialog.js';
import { CONSULTING_ROLES, KEEPER_ROLES, type Engagement } from './types.js';

const PAGE_SIZE = 20;

/** Consulting engagements: searched, filtered and paged by the server (filters in the URL), the province's yearly plan, a new engagement. */
export default function ConsultingPage() {
  const { t, label, locale } = usePlansI18n();
  const session = useSession();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  const q = params.get('q') ?? undefined;
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : dayjs().year();
  const provinceCode = params.get('province') ?? undefined;
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    // A new filter starts at the first page.
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  const provinces = provincesOf(session?.user, CONSULTING_ROLES, year, locale);
  const keeperProvinces = provincesOf(session?.user, KEEPER_ROLES, dayjs().year(), locale);
  const keeper = hasAnyRole(session?.user, KEEPER_ROLES) && keeperProvinces.length > 0;
  const planProvince = provinceCode ?? (provinces.length === 1 ? provinces[0]!.value : undefined);
  const query = useQuery({
    queryKey: ['engagements', q, provinceCode, year, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/consulting/engagements', {
          params: { query: { year, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(q ? { q } : {}), ...(provinceCode ? { provinceCode } : {}) } },
        }),
      ),
  });
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('cs.title')}
        </Typography.Title>
      }
      extra={
        keeper ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-engagement">
            {t('cs.new')}
          </Button>
        ) : null
      }
    >
      <Form layout="vertical" data-testid="engagement-filters">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label={t('cs.q')} htmlFor="engagement-q" style={{ marginBottom: 8 }}>
              <Input.Search
                id="engagement-q"
                value={text}
                allowClear
                maxLength={200}
                onChange={(event) => setText(event.target.value)}
                onSearch={(value) => set({ q: value.trim() || undefined })}
              />
            </Form.Item>
          </Col>
          {provinces.length > 1 ? (
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('pc.filter.province')} htmlFor="engagement-province" style={{ marginBottom: 8 }}>
                <Select
                  id="engagement-province"
                  allowClear
                  showSearch={{ filterOption: matchesName }}
                  value={provinceCode}
                  options={provinces}
                  placeholder={t('pc.filter.all')}
                  onChange={(value: string | undefined) => set({ province: value })}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12} md={6}>
            <Form.Item label={t('pc.filter.year')} htmlFor="engagement-year" style={{ marginBottom: 8 }}>
              <InputNumber
                id="engagement-year"
                className="full"
                min={2000}
                max={2100}
                precision={0}
                value={year}
                onChange={(value) => value && value >= 2000 && value <= 2100 && set({ year: String(value) })}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {planProvince ? (
        <ConsultingPlanCard provinceCode={planProvince} provinceName={label('province', planProvince)} year={year} />
      ) : (
        <Typography.Paragraph type="secondary">{t('cs.plan.pickProvince')}</Typography.Paragraph>
      )}
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="engagement-total">
            {t('cs.total', { count: query.data.total })}
          </Typography.Paragraph>
          <SimpleTable<Engagement>
            testId="engagements"
            rows={query.data.items}
            rowKey={(row) => row.id}
            empty={<EmptyState why={t('cs.empty')} />}
            columns={[
              { key: 'client', title: t('cs.col.client'), render: (row) => <Link to={`/consulting/engagements/${row.id}`}>{row.clientName}</Link> },
              { key: 'service', title: t('cs.col.service'), render: (row) => row.service },
              { key: 'centre', title: t('cs.col.centre'), render: (row) => row.centreName },
              { key: 'province', title: t('cs.col.province'), render: (row) => label('province', row.provinceCode) },
              { key: 'signedOn', title: t('cs.col.signedOn'), render: (row) => formatDate(row.signedOn) },
              { key: 'value', title: t('cs.col.value'), render: (row) => formatVnd(row.contractValue, locale) },
              { key: 'revenue', title: t('cs.col.revenue'), render: (row) => formatVnd(row.revenueTotal, locale) },
            ]}
          />
          {query.data.total > PAGE_SIZE ? (
            <Pagination
              className="gap-top"
              simple={!screens.md}
              current={page}
              pageSize={PAGE_SIZE}
              total={query.data.total}
              showSizeChanger={false}
              onChange={(next) => set({ page: next === 1 ? undefined : String(next) })}
            />
          ) : null}
        </>
      ) : null}
      {creating ? <CreateEngagementDialog provinces={keeperProvinces} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
