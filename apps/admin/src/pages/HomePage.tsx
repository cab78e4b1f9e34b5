import { Suspense, lazy, useState, type ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { DeadlineTag } from '../components/DeadlineTag.js';
import { EmptyState, ErrorAlert } from '../components/Feedback.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../lib/api.js';
import { useSession } from '../lib/auth.js';
import { unwrap } from '../lib/errors.js';
import { formatDate } from '../lib/format.js';
import { InboxFilters } from './inbox/InboxFilters.js';
import { queryFromUrl, type InboxTask } from './inbox/inboxParams.js';

const ReassignDialog = lazy(() => import('./inbox/TaskDialogs.js').then((module) => ({ default: module.ReassignDialog })));
const ReleaseConfirm = lazy(() => import('./inbox/TaskDialogs.js').then((module) => ({ default: module.ReleaseConfirm })));
const FIGURE_SAMPLE = 200;

/** Counts of my tasks by deadline state, from one page of up to 200 (shown as "200+" beyond). */
function useFigures() {
  return useQuery({
    queryKey: ['inbox', 'figures'],
    queryFn: async () => {
      const inbox = unwrap(await api.GET('/api/inbox', { params: { query: { limit: FIGURE_SAMPLE } } }));
      const count = (deadline: InboxTask['deadline']) => inbox.items.filter((task) => task.deadline === deadline).length;
      return { total: inbox.items.length, more: inbox.nextCursor !== null, overdue: count('overdue'), dueSoon: count('due_soon'), onTime: count('on_time') };
    },
  });
}

/** Where a task opens: a signer's entry waiting for the decision opens its round's decision dialog directly. */
function taskLink(task: InboxTask): string {
  return task.stage === 'decision' && task.roundId ? `/rounds/${task.roundId}?decide=1` : `/instances/${task.instanceId}`;
}

type Dialog = { kind: 'reassign' | 'release'; task: InboxTask } | null;

export default function HomePage() {
  const { t, label, locale } = useI18n();
  const session = useSession();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const query = queryFromUrl(params);
  const figures = useFigures();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string>();
  const tasks = useQuery({
    queryKey: ['inbox', 'list', query],
    queryFn: async () => unwrap(await api.GET('/api/inbox', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const titleOf = (task: InboxTask) => task.title || `${label('definition', task.definitionCode)}${task.year ? ` ${task.year}` : ''}`;
  const refresh = (message: string) => {
    setDialog(null);
    setDone(message);
    void client.invalidateQueries({ queryKey: ['inbox'] });
  };
  const claim = useMutation({
    mutationFn: async (task: InboxTask) => unwrap(await api.POST('/api/inbox/{taskId}/claim', { params: { path: { taskId: task.taskId } } })),
    onMutate: () => setDone(undefined),
    onSuccess: (_claim, task) => refresh(t('inbox.claimed', { title: titleOf(task) })),
    onError: () => void client.invalidateQueries({ queryKey: ['inbox', 'list'] }),
  });
  const release = useMutation({
    mutationFn: async (task: InboxTask) => unwrap(await api.POST('/api/inbox/{taskId}/release', { params: { path: { taskId: task.taskId } } })),
    onMutate: () => setDone(undefined),
    onSuccess: (_claim, task) => refresh(t('inbox.released', { title: titleOf(task) })),
  });
  const failed = claim.error ?? release.error;
  const total = tasks.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / query.limit!));
  const goTo = (page: number) => {
    const next = new URLSearchParams(params);
    if (page > 1) next.set('page', String(page));
    else next.delete('page');
    setParams(next);
  };
  const plus = figures.data?.more ? '+' : '';

  const holder = (task: InboxTask): ReactNode => {
    if (!task.claimable) return task.assignedToMe ? t('inbox.holder.personal') : t('common.none');
    if (task.claimedByMe) return <Tag color="blue">{t('inbox.holder.me')}</Tag>;
    return task.claimedBy ? (
      <Tag color="purple">{t('inbox.holder.other', { name: task.claimedBy.name })}</Tag>
    ) : (
      <Typography.Text type="secondary">{t('inbox.holder.none')}</Typography.Text>
    );
  };
  const commands = (task: InboxTask): ReactNode => {
    if (!task.claimable) return null;
    const busy = (claim.isPending && claim.variables?.taskId === task.taskId) || (release.isPending && release.variables?.taskId === task.taskId);
    return (
      <Space wrap size={4}>
        {task.claimedBy === null ? (
          <Button size="small" type="primary" loading={busy} onClick={() => claim.mutate(task)} data-testid="claim">
            {t('inbox.claim')}
          </Button>
        ) : (
          <Button
            size="small"
            loading={busy}
            onClick={() => (task.claimedByMe ? release.mutate(task) : setDialog({ kind: 'release', task }))}
            data-testid="release"
          >
            {t('inbox.release')}
          </Button>
        )}
        <Button size="small" onClick={() => setDialog({ kind: 'reassign', task })} data-testid="reassign">
          {t('inbox.reassign')}
        </Button>
      </Space>
    );
  };

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
      <Card title={t('home.tasks')} extra={tasks.data ? <span data-testid="task-count">{t('inbox.count', { total })}</span> : null}>
        <InboxFilters params={params} setParams={setParams} />
        {done ? (
          <Alert type="success" showIcon role="status" title={done} closable={{ onClose: () => setDone(undefined) }} className="gap" data-testid="inbox-done" />
        ) : null}
        {failed ? <ErrorAlert error={failed} /> : null}
        {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
        {/* Only the first load covers the table: a refresh (a search started by leaving the box for a row's link)
            keeps the rows clickable — a covered table swallowed that click — and the page's progress bar shows it. */}
        <Spin spinning={tasks.isPending}>
          <SimpleTable<InboxTask>
            testId="tasks"
            rowKey={(task) => task.taskId}
            rows={tasks.data?.items ?? []}
            rowClassName={(task) => `task-${task.deadline}`}
            empty={tasks.isPending ? null : <EmptyState why={params.size === 0 ? t('home.empty') : t('home.emptyFiltered')} />}
            columns={[
              {
                title: t('inbox.col.subject'),
                key: 'subject',
                render: (task) => (
                  <Space direction="vertical" size={0}>
                    <Link
                      to={taskLink(task)}
                      data-testid="task-link"
                      data-stage={task.stage}
                      title={task.stage === 'decision' ? t('home.openDecision') : undefined}
                    >
                      {titleOf(task)}
                    </Link>
                    {task.subjectName ? <Typography.Text data-testid="task-subject">{task.subjectName}</Typography.Text> : null}
                    {task.roundName ? <Typography.Text type="secondary">{t('inbox.round', { name: task.roundName })}</Typography.Text> : null}
                    {task.schemeCode ? <Typography.Text type="secondary">{t('inbox.scheme', { code: task.schemeCode })}</Typography.Text> : null}
                    {task.entryCode ? (
                      <Typography.Text type="secondary" data-testid="task-code">
                        {t('inbox.entry', { code: task.entryCode })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: t('inbox.col.stage'),
                key: 'stage',
                render: (task) => (
                  <Space direction="vertical" size={2}>
                    <span>{label('stage', task.stage)}</span>
                    <span>
                      {task.actions.map((action) => (
                        <Tag key={action}>{label('action', action)}</Tag>
                      ))}
                    </span>
                  </Space>
                ),
              },
              {
                title: t('inbox.col.due'),
                key: 'due',
                render: (task) => (
                  <Space direction="vertical" size={2} data-testid="task-due">
                    {task.dueAt ? (
                      <Typography.Text type={task.deadline === 'overdue' ? 'danger' : undefined} strong={task.deadline === 'overdue'}>
                        {task.deadline === 'overdue' ? t('inbox.overdueSince', { date: formatDate(task.dueAt, locale) }) : formatDate(task.dueAt, locale)}
                      </Typography.Text>
                    ) : (
                      t('inbox.noDue')
                    )}
                    {task.dueAt ? <DeadlineTag state={task.deadline} /> : null}
                  </Space>
                ),
              },
              { title: t('inbox.col.holder'), key: 'holder', render: (task) => <span data-testid="task-holder">{holder(task)}</span> },
              { title: t('inbox.col.commands'), key: 'commands', render: commands },
            ]}
          />
        </Spin>
        {total > query.limit! ? (
          <Space wrap className="gap-top" data-testid="pager">
            <Button disabled={query.page <= 1} onClick={() => goTo(query.page - 1)}>
              {t('inbox.prev')}
            </Button>
            <span aria-live="polite">{t('inbox.page', { page: query.page, pages })}</span>
            <Button disabled={query.page >= pages} onClick={() => goTo(query.page + 1)}>
              {t('inbox.next')}
            </Button>
          </Space>
        ) : null}
      </Card>
      {dialog ? (
        <Suspense fallback={null}>
          {dialog.kind === 'reassign' ? (
            <ReassignDialog
              task={dialog.task}
              title={titleOf(dialog.task)}
              onClose={() => setDialog(null)}
              onDone={(name) => refresh(t('inbox.reassigned', { title: titleOf(dialog.task), name }))}
            />
          ) : (
            <ReleaseConfirm
              task={dialog.task}
              title={titleOf(dialog.task)}
              pending={release.isPending}
              onClose={() => setDialog(null)}
              onConfirm={() => release.mutate(dialog.task)}
            />
          )}
        </Suspense>
      ) : null}
    </Space>
  );
}
