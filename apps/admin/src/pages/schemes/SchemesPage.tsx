import { Button, Card, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { ListPager, ListToolbar } from '../../components/ListToolbar.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useListsI18n } from '../../i18n/lists.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { listYears, useListParams, type ListState } from '../../lib/useListParams.js';
import type { SchemeSummary } from './types.js';

type SchemeQuery = NonNullable<paths['/api/schemes']['get']['parameters']['query']>;

const FILTERS = ['year', 'source', 'contentGroup', 'stage'] as const;
type SchemeFilter = (typeof FILTERS)[number];
const SOURCES = ['NATIONAL', 'LOCAL'] as const;
const CONTENT_GROUPS = ['CG1', 'CG2', 'CG3', 'CG4', 'CG5', 'CG6', 'CG7'];
const STAGES = [
  'draft',
  'base_appraisal',
  'central_appraisal',
  'awaiting_local_plan',
  'in_plan',
  'in_progress',
  'change_review',
  'acceptance',
  'settlement',
  'closed',
  'rejected',
  'cancelled',
  'withdrawn',
];
const SORTS = ['year', 'code', 'title', 'province', 'stage', 'requested', 'allocated'] as const;

/** The list's query from the URL: only values the API knows are sent. */
function schemeQuery(list: ListState<SchemeFilter>): SchemeQuery {
  const { year, source, contentGroup, stage } = list.filters;
  const pick = <T extends string>(values: readonly T[], value: string | undefined) =>
    (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
  return {
    ...list.query,
    sort: pick(SORTS, list.sort),
    ...(year && /^\d{4}$/.test(year) ? { year: Number(year) } : {}),
    fundingSource: pick(SOURCES, source),
    contentGroupCode: pick(CONTENT_GROUPS, contentGroup),
    stage: pick(STAGES, stage),
  };
}

/** Schemes in the user's scope: searched by code or title, filtered by year, source, content group and stage, paged by the server. */
export default function SchemesPage() {
  const { t, label, locale } = useListsI18n();
  const session = useSession();
  const list = useListParams(FILTERS);
  const params = schemeQuery(list);
  const query = useQuery({
    queryKey: ['schemes', 'list', params],
    queryFn: async () => unwrap(await api.GET('/api/schemes', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  // The create page (/schemes/new) is for the provinces' officers, who propose schemes.
  const navigate = useNavigate();
  // A button (not a button inside a link, which nests two controls): it opens the create page.
  const create = hasAnyRole(session?.user, ['provincial_officer']) ? (
    <Button type="primary" data-testid="scheme-create" onClick={() => void navigate('/schemes/new')}>
      {t('lists.schemes.create')}
    </Button>
  ) : null;
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('schemes.title')}
        </Typography.Title>
      }
      extra={create}
    >
      <ListToolbar<SchemeFilter>
        list={list}
        testId="schemes"
        searchLabel={t('lists.schemes.search')}
        filters={[
          { name: 'year', label: t('lists.filter.year'), options: listYears().map((year) => ({ value: year, label: year })) },
          { name: 'source', label: t('lists.filter.source'), options: SOURCES.map((code) => ({ value: code, label: label('fundingSource', code) })) },
          {
            name: 'contentGroup',
            label: t('lists.filter.contentGroup'),
            options: CONTENT_GROUPS.map((code) => ({ value: code, label: label('contentGroup', code) })),
          },
          { name: 'stage', label: t('lists.filter.stage'), options: STAGES.map((code) => ({ value: code, label: label('stage', code) })) },
        ]}
        sorts={SORTS.map((value) => ({ value, label: t(`lists.sort.${value}`) }))}
      />
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleTable<SchemeSummary>
            testId="schemes"
            rows={query.data.items}
            rowKey={(row) => row.id}
            rowAttributes={(row) => ({ 'data-testid': 'scheme-row', 'data-code': row.code })}
            empty={<EmptyState why={t('schemes.empty')} />}
            columns={[
              { key: 'code', title: t('schemes.col.code'), render: (row) => row.code },
              {
                key: 'title',
                title: t('schemes.col.title'),
                render: (row) => (
                  <Link to={`/schemes/${row.id}`} style={{ overflowWrap: 'anywhere' }}>
                    {row.title}
                  </Link>
                ),
              },
              { key: 'year', title: t('lists.col.year'), render: (row) => row.year },
              { key: 'province', title: t('schemes.col.province'), render: (row) => (row.provinceCode ? label('province', row.provinceCode) : '—') },
              {
                key: 'group',
                title: t('lists.col.contentGroup'),
                render: (row) => (
                  <Typography.Text
                    ellipsis={{ tooltip: label('contentGroup', row.contentGroupCode) }}
                    style={{ maxWidth: 220 }}
                    data-group={row.contentGroupCode}
                  >
                    {label('contentGroup', row.contentGroupCode)}
                  </Typography.Text>
                ),
              },
              {
                key: 'source',
                title: t('schemes.source'),
                render: (row) => <span data-source={row.fundingSource}>{label('fundingSource', row.fundingSource)}</span>,
              },
              { key: 'stage', title: t('schemes.col.stage'), render: (row) => <Tag>{label('stage', row.stage)}</Tag> },
              { key: 'requested', title: t('schemes.col.requested'), render: (row) => formatBillions(row.requestedAmount, locale) },
              {
                key: 'allocated',
                title: t('schemes.col.allocated'),
                render: (row) => (row.allocatedAmount === null ? '—' : formatBillions(row.allocatedAmount, locale)),
              },
              { key: 'disbursed', title: t('schemes.col.disbursed'), render: (row) => formatBillions(row.disbursedAmount, locale) },
            ]}
          />
          <ListPager list={list} total={query.data.total} totalCapped={query.data.totalCapped} testId="schemes" />
        </div>
      ) : null}
    </Card>
  );
}
