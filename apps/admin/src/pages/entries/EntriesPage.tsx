import { Card, Grid, List, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { Link } from 'react-router';
import { DeadlineTag } from '../../components/DeadlineTag.js';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { ListPager, ListToolbar } from '../../components/ListToolbar.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useListsI18n } from '../../i18n/lists.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { rolesOf } from '../../lib/session.js';
import { listYears, useListParams, type ListState } from '../../lib/useListParams.js';
import { CreateEntryButton } from './CreateEntryButton.js';

/** One line of GET /api/entries (the round by name). */
type EntryItem = paths['/api/entries']['get']['responses'][200]['content']['application/json']['items'][number];
type EntryQuery = NonNullable<paths['/api/entries']['get']['parameters']['query']>;

const FILTERS = ['year', 'level', 'stage', 'productGroup', 'deadline'] as const;
type EntryFilter = (typeof FILTERS)[number];
const STAGES = [
  'draft',
  'screening',
  'revision',
  'scoring',
  'council_review',
  'decision',
  'recognised',
  'ineligible',
  'not_recognised',
  'withdrawn',
  'revoked',
  'expired',
];
const LEVELS = ['commune', 'province', 'region', 'national'] as const;
const GROUPS = ['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER'] as const;
const DEADLINES = ['overdue', 'due_soon', 'on_time', 'none'] as const;
const SORTS = ['created', 'product', 'establishment', 'round', 'stage', 'due'] as const;
/** The list's query from the URL: only values the API knows are sent (a hand-edited URL cannot make it fail). */
function entryQuery(list: ListState<EntryFilter>): EntryQuery {
  const { year, level, stage, productGroup, deadline } = list.filters;
  const pick = <T extends string>(values: readonly T[], value: string | undefined) =>
    (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
  return {
    ...list.query,
    sort: pick(SORTS, list.sort),
    ...(year && /^\d{4}$/.test(year) ? { year: Number(year) } : {}),
    level: pick(LEVELS, level),
    stage: pick(STAGES, stage),
    productGroup: pick(GROUPS, productGroup),
    deadline: pick(DEADLINES, deadline),
  };
}

function useEntries(query: EntryQuery) {
  return useQuery({
    queryKey: ['entries', 'list', query],
    queryFn: async () => unwrap(await api.GET('/api/entries', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** The rounds taking entries now, for the applicant's "apply" buttons. */
function useOpenRounds(enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'rounds'],
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/public/rounds', { params: { query: {} } })).items,
  });
}

/** Hồ sơ tham gia: the user's entries (an applicant's own, an officer's in scope, a judge's assigned); cards on phones. */
export default function EntriesPage() {
  const { t, label, locale } = useListsI18n();
  const screens = Grid.useBreakpoint();
  const session = useSession();
  const isApplicant = rolesOf(session?.user).has('applicant');
  const list = useListParams(FILTERS);
  const entries = useEntries(entryQuery(list));
  const rounds = useOpenRounds(isApplicant);
  const stageTag = (item: EntryItem) => (
    <Tag color={item.status === 'active' ? 'blue' : 'default'} data-testid="entry-stage" data-stage={item.stage}>
      {label('stage', item.stage)}
    </Tag>
  );
  const due = (item: EntryItem) => (item.dueAt && item.status === 'active' ? formatDate(item.dueAt, locale) : '—');

  return (
    <Space direction="vertical" size="large" className="full">
      <Typography.Title level={2}>{t('applying.entriesTitle')}</Typography.Title>
      {isApplicant ? (
        <Card title={t('applying.openRounds')} data-testid="open-rounds">
          {rounds.isPending ? <Loading /> : null}
          {rounds.isError ? <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
          {rounds.data && rounds.data.length === 0 ? <EmptyState why={t('applying.noOpenRounds')} /> : null}
          {rounds.data && rounds.data.length > 0 ? (
            <List
              dataSource={rounds.data}
              renderItem={(round) => (
                <List.Item
                  data-testid="open-round"
                  data-round={round.id}
                  actions={[<CreateEntryButton key="apply" roundId={round.id} roundName={round.name} />]}
                >
                  <List.Item.Meta title={round.name} description={t('applying.closesOn', { date: formatDate(round.registrationClosesAt, locale) })} />
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      ) : null}
      <Card title={t('applying.myEntries')}>
        <ListToolbar<EntryFilter>
          list={list}
          testId="entries"
          searchLabel={t('lists.entries.search')}
          filters={[
            { name: 'year', label: t('lists.filter.year'), options: listYears().map((year) => ({ value: year, label: year })) },
            { name: 'level', label: t('lists.filter.level'), options: LEVELS.map((code) => ({ value: code, label: label('level', code) })) },
            { name: 'stage', label: t('lists.filter.stage'), options: STAGES.map((code) => ({ value: code, label: label('stage', code) })) },
            {
              name: 'productGroup',
              label: t('lists.filter.productGroup'),
              options: GROUPS.map((code) => ({ value: code, label: label('productGroup', code) })),
            },
            { name: 'deadline', label: t('lists.filter.deadline'), options: DEADLINES.map((code) => ({ value: code, label: label('deadline', code) })) },
          ]}
          sorts={SORTS.map((value) => ({ value, label: t(`lists.sort.${value}`) }))}
        />
        {entries.isPending ? <Loading /> : null}
        {entries.isError ? <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} /> : null}
        {entries.data ? (
          <div data-testid={screens.md ? 'entry-table' : 'entry-cards'} style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
            <SimpleTable<EntryItem>
              testId="entries"
              rows={entries.data.items}
              rowKey={(item) => item.instanceId}
              rowAttributes={(item) => ({ 'data-testid': 'entry-row', 'data-id': item.instanceId })}
              empty={<EmptyState why={t(isApplicant ? 'applying.noEntriesApplicant' : 'applying.noEntries')} />}
              columns={[
                {
                  key: 'code',
                  title: t('lists.entries.code'),
                  render: (item) => (
                    <span data-testid="entry-code" style={{ whiteSpace: 'nowrap' }}>
                      {item.code}
                    </span>
                  ),
                },
                {
                  key: 'product',
                  title: t('applying.productName'),
                  render: (item) => (
                    <Link to={`/instances/${item.instanceId}`} style={{ overflowWrap: 'anywhere' }}>
                      {item.productName}
                    </Link>
                  ),
                },
                { key: 'establishment', title: t('applying.establishment'), render: (item) => item.establishmentName },
                { key: 'round', title: t('instance.round'), render: (item) => item.roundName },
                { key: 'group', title: t('lists.filter.productGroup'), render: (item) => label('productGroup', item.productGroup) },
                { key: 'stage', title: t('instance.stage'), render: stageTag },
                {
                  key: 'due',
                  title: t('instance.due'),
                  render: (item) =>
                    item.deadline === 'none' ? (
                      due(item)
                    ) : (
                      <>
                        {due(item)} <DeadlineTag state={item.deadline} />
                      </>
                    ),
                },
              ]}
            />
            <ListPager list={list} total={entries.data.total} totalCapped={entries.data.totalCapped} testId="entries" />
          </div>
        ) : null}
      </Card>
    </Space>
  );
}
