import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Segmented, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { paths } from '@khuyencong/api-client';
import { DeadlineTag } from '../components/DeadlineTag.js';
import { EmptyState, ErrorAlert } from '../components/Feedback.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../lib/api.js';
import { useSession } from '../lib/auth.js';
import { unwrap } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';

type Inbox = paths['/api/inbox']['get']['responses'][200]['content']['application/json'];
type Task = Inbox['items'][number];
type Deadline = Task['deadline'];
const DEADLINES: readonly Deadline[] = ['overdue', 'due_soon', 'on_time', 'none'];
const FIGURE_SAMPLE = 200;

/** Counts of my tasks by deadline state, from one page of up to 200 (shown as "200+" beyond). */
function useFigures() {
  return useQuery({
    queryKey: ['inbox', 'figures'],
    queryFn: async () => {
      const inbox = unwrap(await api.GET('/api/inbox', { params: { query: { limit: FIGURE_SAMPLE } } }));
      const count = (deadline: Deadline) => inbox.items.filter((task) => task.deadline === deadline).length;
      return { total: inbox.items.length, more: inbox.nextCursor !== null, overdue: count('overdue'), dueSoon: count('due_soon'), onTime: count('on_time') };
    },
  });
}

export default function HomePage() {
  const { t, label, locale } = useI18n();
  const session = useSession();
  const [deadline, setDeadline] = useState<Deadline | 'all'>('all');
  const figures = useFigures();
  const tasks = useInfiniteQuery({
    queryKey: ['inbox', 'list', deadline],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/inbox', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}), ...(deadline === 'all' ? {} : { deadline }) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const plus = figures.data?.more ? '+' : '';

  return (
    <Space direction="vertical" size="large" className="full">
      <Typography.Title level={2}>{t('home.greeting', { name: session?.user.displayName ?? '' })}</Typography.Title>
      <Row gutter={[16, 16]} data-testid="figures">
        {(
          [
            ['home.figure.total', figures.data?.total, undefined],
            ['home.figure.overdue', figures.data?.overdue, '#cf1322'],
            ['home.figure.dueSoon', figures.data?.dueSoon, '#d46b08'],
            ['home.figure.onTime', figures.data?.onTime, '#389e0d'],
          ] as const
        ).map(([key, value, color]) => (
          <Col xs={12} md={6} key={key}>
            <Card>
              <Statistic title={t(key)} value={value ?? '…'} suffix={value === undefined ? undefined : plus} styles={{ content: { color } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={t('home.tasks')}
        extra={
          <Segmented<Deadline | 'all'>
            aria-label={t('home.filter.deadline')}
            value={deadline}
            onChange={setDeadline}
            options={[{ value: 'all', label: t('home.filter.all') }, ...DEADLINES.map((value) => ({ value, label: label('deadline', value) }))]}
          />
        }
      >
        {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
        <Spin spinning={tasks.isPending}>
          <SimpleTable<Task>
            testId="tasks"
            rowKey={(task) => task.taskId}
            rows={rows}
            rowClassName={(task) => `task-${task.deadline}`}
            empty={tasks.isPending ? null : <EmptyState why={deadline === 'all' ? t('home.empty') : t('home.emptyFiltered')} />}
            columns={[
              {
                title: t('home.col.subject'),
                key: 'subject',
                render: (task) => (
                  <Link to={`/instances/${task.instanceId}`} data-testid="task-link">
                    {label('definition', task.definitionCode)}
                    {task.year ? ` ${task.year}` : ''}
                    {task.productGroup ? ` · ${label('productGroup', task.productGroup)}` : ''}
                    <Typography.Text type="secondary"> #{task.instanceId.slice(0, 8)}</Typography.Text>
                  </Link>
                ),
              },
              { title: t('home.col.stage'), key: 'stage', render: (task) => label('stage', task.stage) },
              { title: t('home.col.actions'), key: 'actions', render: (task) => task.actions.map((action) => <Tag key={action}>{label('action', action)}</Tag>) },
              { title: t('home.col.province'), key: 'province', render: (task) => (task.provinceCode ? label('province', task.provinceCode) : t('common.none')) },
              { title: t('home.col.due'), key: 'due', render: (task) => (task.dueAt ? formatDate(task.dueAt, locale) : t('common.none')) },
              { title: t('home.col.deadline'), key: 'deadline', render: (task) => <DeadlineTag state={task.deadline} /> },
            ]}
          />
        </Spin>
        {tasks.hasNextPage ? (
          <Button className="gap-top" onClick={() => void tasks.fetchNextPage()} loading={tasks.isFetchingNextPage}>
            {t('home.loadMore')}
          </Button>
        ) : null}
      </Card>
    </Space>
  );
}
