import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { DecideDialog, DecisionTable } from './DecideDialog.js';
import { Nominations } from './Nominations.js';
import { RoundPeople } from './RoundPeople.js';
import { useAreaName } from './RoundsPage.js';
import { NEXT_STATUSES, ORGANISER_ROLE, type Decision, type Round, type RoundResult, type RoundResults, type RoundStatus } from './types.js';

const STATUS_ACTION = {
  open: 'round.status.to.open',
  closed: 'round.status.to.closed',
  judging: 'round.status.to.judging',
  archived: 'round.status.to.archived',
} as const;

/** The organiser's status buttons: only the moves the API allows from the current status, each confirmed. */
function StatusActions({ round }: { round: Round }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: async (status: RoundStatus) =>
      unwrap<Round>(await api.POST('/api/rounds/{id}/status', { params: { path: { id: round.id } }, body: { status } })),
    onSuccess: async (next) => {
      void message.success(t('round.status.done', { to: label('roundStatus', next.status) }));
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
      await queryClient.invalidateQueries({ queryKey: ['rounds'] });
    },
  });
  const moves = NEXT_STATUSES[round.status].filter((status): status is keyof typeof STATUS_ACTION => status in STATUS_ACTION);
  return (
    <Space direction="vertical" className="full">
      <Space wrap>
        {moves.length === 0 ? <Typography.Text type="secondary">{t('round.status.none')}</Typography.Text> : null}
        {moves.map((status) => (
          <Popconfirm
            key={status}
            title={t('round.status.confirm', { name: round.name, from: label('roundStatus', round.status), to: label('roundStatus', status) })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => change.mutate(status)}
          >
            <Button
              type={status === 'open' ? 'primary' : 'default'}
              danger={status === 'closed'}
              loading={change.isPending && change.variables === status}
              data-testid={`round-status-${status}`}
            >
              {t(STATUS_ACTION[status])}
            </Button>
          </Popconfirm>
        ))}
      </Space>
      {change.isError ? <ErrorAlert error={change.error} /> : null}
    </Space>
  );
}

const average = (row: RoundResult) => (row.average === null ? '—' : row.average.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));

/**
 * A round: its facts and status; for its organiser the status moves, the jury and council pickers and the
 * nominations; its results; its recognition decision, and for the signer the decision dialog (opened directly by
 * ?decide=1, the link of the signer's inbox task).
 */
/** The page inside antd's App, so its messages (App.useApp) have a holder. */
export default function RoundPageWithMessages() {
  return (
    <App component={false}>
      <RoundPage />
    </App>
  );
}

function RoundPage() {
  const { t, label } = useI18n();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const areaName = useAreaName();
  const round = useQuery({ queryKey: ['round', id], queryFn: async () => unwrap<Round>(await api.GET('/api/rounds/{id}', { params: { path: { id } } })) });
  const results = useQuery({
    queryKey: ['round', id, 'results'],
    retry: false,
    queryFn: async () => unwrap<RoundResults>(await api.GET('/api/rounds/{id}/results', { params: { path: { id } } })),
  });
  // A round has its decision once it is decided (issuing it moves the round there): not asked for before.
  const decided = round.data?.status === 'decided' || round.data?.status === 'archived';
  const decision = useQuery({
    queryKey: ['round', id, 'decision'],
    enabled: decided,
    retry: false,
    queryFn: async () => {
      try {
        return unwrap<Decision>(await api.GET('/api/rounds/{id}/decision', { params: { path: { id } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  if (round.isLoading) return <Loading />;
  if (round.error || !round.data) return <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />;
  const view = round.data;
  const items = results.data?.items ?? [];
  const recommended = items.filter((row) => row.stage === 'decision');
  const signer = hasAnyRole(session?.user, ['signer']);
  const organiser = hasAnyRole(session?.user, [ORGANISER_ROLE[view.level]]);
  const nominator =
    view.level !== 'national' && hasAnyRole(session?.user, view.level === 'commune' ? ['commune_officer', 'provincial_officer'] : ['provincial_officer']);
  // The decision query is refreshed only when the dialog closes, so the dialog can show what it issued.
  const deciding = signer && search.get('decide') === '1' && (!decided || decision.data === null) && results.isSuccess;
  const setDeciding = (open: boolean) => {
    if (!open) void queryClient.invalidateQueries({ queryKey: ['round', id] });
    setSearch(
      (now) => {
        const next = new URLSearchParams(now);
        if (open) next.set('decide', '1');
        else next.delete('decide');
        return next;
      },
      { replace: true },
    );
  };
  return (
    <Space direction="vertical" size="large" className="full">
      <Card title={<Typography.Title level={3}>{view.name}</Typography.Title>}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t('rounds.col.level')}>{label('level', view.level)}</Descriptions.Item>
          <Descriptions.Item label={t('round.area')}>
            <span data-testid="round-area">{areaName(view)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rounds.col.year')}>{view.year}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.col.status')}>
            <Tag data-testid="round-status" data-status={view.status}>
              {label('roundStatus', view.status)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item
            label={t('rounds.col.dates')}
          >{`${formatDate(view.registrationOpensAt)} – ${formatDate(view.registrationClosesAt)}`}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.field.criteria')}>{label('criteriaSet', view.criteriaSetCode)}</Descriptions.Item>
          <Descriptions.Item label={t('round.threshold')}>{view.passThreshold.toLocaleString('vi-VN')}</Descriptions.Item>
          <Descriptions.Item label={t('round.quota')}>{view.nominationQuota === null ? t('round.noQuota') : view.nominationQuota}</Descriptions.Item>
          <Descriptions.Item label={t('round.entries')}>{view.entryCount}</Descriptions.Item>
        </Descriptions>
        {organiser ? (
          <div className="gap-top" data-testid="round-status-actions">
            <Typography.Text strong>{t('round.status.actions')}</Typography.Text>
            <div className="gap-top">
              <StatusActions round={view} />
            </div>
          </div>
        ) : null}
      </Card>
      {organiser ? <RoundPeople round={view} /> : null}
      <Card
        title={t('round.decision')}
        data-testid="decision"
        extra={
          signer && !decision.data ? (
            <Button type="primary" disabled={recommended.length === 0} onClick={() => setDeciding(true)} data-testid="decide-open">
              {t('round.decide')}
            </Button>
          ) : null
        }
      >
        {decision.error ? <ErrorAlert error={decision.error} /> : null}
        {decision.data ? (
          <>
            <Typography.Paragraph strong>
              {decision.data.number} — {formatDate(decision.data.date)} — {decision.data.issuer}
            </Typography.Paragraph>
            <DecisionTable decision={decision.data} />
          </>
        ) : decision.isLoading ? (
          <Loading />
        ) : (
          <EmptyState why={signer && recommended.length === 0 ? t('round.decideNothing') : t('round.decisionNone')} />
        )}
      </Card>
      {nominator && results.isSuccess ? <Nominations round={view} results={items} /> : null}
      <Card title={t('round.results')}>
        {results.error ? <ErrorAlert error={results.error} /> : null}
        <SimpleTable<RoundResult>
          testId="results"
          rows={items}
          rowKey={(row) => row.instanceId}
          empty={<EmptyState why={t('round.resultsEmpty')} />}
          columns={[
            { key: 'code', title: t('round.col.code'), render: (row) => <span style={{ whiteSpace: 'nowrap' }}>{row.code}</span> },
            { key: 'product', title: t('round.col.product'), render: (row) => <Link to={`/instances/${row.instanceId}`}>{row.productName}</Link> },
            { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
            { key: 'stage', title: t('round.col.stage'), render: (row) => label('stage', row.stage) },
            { key: 'average', title: t('round.col.average'), render: average },
            { key: 'jury', title: t('round.col.jury'), render: (row) => (row.juryOutcome ? label('juryOutcome', row.juryOutcome) : '—') },
            { key: 'council', title: t('round.col.council'), render: (row) => (row.councilOutcome ? label('councilOutcome', row.councilOutcome) : '—') },
          ]}
        />
      </Card>
      {deciding ? <DecideDialog round={view} results={items} onClose={() => setDeciding(false)} /> : null}
    </Space>
  );
}
