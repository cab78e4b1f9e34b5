import { useState } from 'react';
import { Button, Card, Tag, Typography, App } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { unitLabel } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { CreateRoundDialog, organisable } from './CreateRoundDialog.js';
import type { Round, RoundList } from './types.js';

const STATUS_COLOUR: Record<Round['status'], string> = {
  planned: 'default',
  open: 'blue',
  closed: 'orange',
  judging: 'purple',
  decided: 'green',
  archived: 'default',
};

/** A round's area by name: the API's name, else the label of the unit. */
export function useAreaName(): (round: Round) => string {
  const { t, locale } = useI18n();
  return (round) => round.scopeName || (round.level === 'national' ? t('rounds.area.national') : unitLabel(round.level, round.scopeCode, locale));
}

export function useRounds() {
  return useQuery({ queryKey: ['rounds'], queryFn: async () => unwrap<RoundList>(await api.GET('/api/rounds')) });
}

/** The rounds of the platform, newest first; officers create new ones here. */
/** The page inside antd's App, so its messages (App.useApp) have a holder. */
export default function RoundsPageWithMessages() {
  return (
    <App component={false}>
      <RoundsPage />
    </App>
  );
}

function RoundsPage() {
  const { t, label, locale } = useI18n();
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const query = useRounds();
  const areaName = useAreaName();
  // The grants named by the API (communes have no label table); the session's grants until it answers.
  const me = useQuery({
    queryKey: ['me', session?.user.id],
    enabled: session !== null,
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/auth/me')),
  });
  const levels = organisable(me.data?.grants ?? session?.user.grants ?? [], (kind, code) => label(kind, code), locale, t('rounds.area.national'));
  return (
    <Card
      title={<Typography.Title level={3}>{t('rounds.title')}</Typography.Title>}
      extra={
        levels.length > 0 ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="create-round">
            {t('rounds.create')}
          </Button>
        ) : null
      }
    >
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <SimpleTable<Round>
          testId="rounds"
          rows={[...query.data.items].sort((a, b) => b.year - a.year || b.registrationOpensAt.localeCompare(a.registrationOpensAt))}
          rowKey={(row) => row.id}
          empty={<EmptyState why={t('rounds.empty')} />}
          columns={[
            { key: 'name', title: t('rounds.col.name'), render: (row) => <Link to={`/rounds/${row.id}`}>{row.name}</Link> },
            { key: 'level', title: t('rounds.col.level'), render: (row) => label('level', row.level) },
            { key: 'scope', title: t('rounds.col.scope'), render: (row) => areaName(row) },
            { key: 'year', title: t('rounds.col.year'), render: (row) => row.year },
            { key: 'status', title: t('rounds.col.status'), render: (row) => <Tag color={STATUS_COLOUR[row.status]}>{label('roundStatus', row.status)}</Tag> },
            { key: 'dates', title: t('rounds.col.dates'), render: (row) => `${formatDate(row.registrationOpensAt)} – ${formatDate(row.registrationClosesAt)}` },
          ]}
        />
      ) : null}
      {creating ? <CreateRoundDialog levels={levels} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
