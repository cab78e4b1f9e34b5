import { App, Alert, Button, Card, Col, Form, List, Row, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { unwrap } from '../../lib/errors.js';
import { PeoplePicker, type Person } from './PeoplePicker.js';
import type { Round } from './types.js';

export const MIN_JUDGES = 3;

/** The round's jury and council members as the pickers know them (name and e-mail from RoundView.people). */
function knownPeople(round: Round): Record<string, Person> {
  return Object.fromEntries(Object.entries(round.people).map(([id, who]) => [id, { id, displayName: who.displayName, email: who.email }]));
}

function NameList({ ids, round, chair, testId, empty }: { ids: readonly string[]; round: Round; chair?: string | null; testId: string; empty: string }) {
  const { t } = useI18n();
  if (ids.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={[...ids]}
      renderItem={(id) => {
        const who = round.people[id];
        return (
          <List.Item>
            <span>
              <Typography.Text strong>{who?.displayName ?? t('round.people.unknown')}</Typography.Text>
              {who?.email ? <Typography.Text type="secondary"> · {who.email}</Typography.Text> : null}
              {chair === id ? (
                <>
                  {' '}
                  <Tag color="gold">{t('round.council.chairTag')}</Tag>
                </>
              ) : null}
            </span>
          </List.Item>
        );
      }}
    />
  );
}

/** The jury: at least three judges, chosen by name; the current judges listed by name. */
function JuryCard({ round }: { round: Round }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ judges: string[] }>();
  const current = round.jury['*'] ?? [];
  const save = useMutation({
    mutationFn: async (judges: string[]) =>
      unwrap(
        await api.PUT('/api/rounds/{id}/jury', { params: { path: { id: round.id }, header: { 'Idempotency-Key': newIdempotencyKey() } }, body: { judges } }),
      ),
    onSuccess: async (result) => {
      void message.success(t('round.jury.saved', { count: result.round.jury['*']?.length ?? 0, assigned: result.assigned.length }));
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
    },
  });
  const groups = Object.entries(round.jury).filter(([group]) => group !== '*');
  return (
    <Card title={t('round.jury.title')} data-testid="jury">
      <Alert className="gap" type="info" showIcon title={t('round.jury.rule')} />
      <Typography.Title level={5}>{t('round.jury.current')}</Typography.Title>
      <NameList ids={current} round={round} testId="jury-current" empty={t('round.jury.none')} />
      {groups.map(([group, ids]) => (
        <div key={group} className="gap-top">
          <Typography.Text strong>{label('productGroup', group)}</Typography.Text>
          <NameList ids={ids} round={round} testId={`jury-current-${group}`} empty={t('round.jury.none')} />
        </div>
      ))}
      <Form form={form} layout="vertical" className="gap-top" initialValues={{ judges: current }} onFinish={(values) => save.mutate(values.judges)}>
        <Form.Item
          name="judges"
          label={t('round.jury.title')}
          rules={[
            {
              validator: (_, value: string[] | undefined) => {
                const count = value?.length ?? 0;
                return count < MIN_JUDGES ? Promise.reject(new Error(t('round.jury.min', { count }))) : Promise.resolve();
              },
            },
          ]}
        >
          <PeoplePicker roundId={round.id} role="judge" multiple known={knownPeople(round)} placeholder={t('round.jury.placeholder')} testId="jury-picker" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="jury-save">
          {t('round.jury.save')}
        </Button>
      </Form>
      {save.isError ? (
        <div className="gap-top">
          <ErrorAlert error={save.error} />
        </div>
      ) : null}
    </Card>
  );
}

/** The council: members and a chair, chosen by name; the chair is sent as a member too. */
function CouncilCard({ round }: { round: Round }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ members: string[]; chair: string }>();
  const chair = round.council?.chair ?? null;
  const current = round.council?.members ?? [];
  const save = useMutation({
    mutationFn: async (values: { members: string[]; chair: string }) => {
      const members = [...new Set([...values.members, values.chair])];
      return unwrap(
        await api.PUT('/api/rounds/{id}/council', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: { members, chair: values.chair },
        }),
      );
    },
    onSuccess: async (result) => {
      void message.success(t('round.council.saved', { count: result.round.council?.members.length ?? 0, assigned: result.assigned.length }));
      await queryClient.invalidateQueries({ queryKey: ['round', round.id] });
    },
  });
  const known = knownPeople(round);
  return (
    <Card title={t('round.council.title')} data-testid="council">
      <Alert className="gap" type="info" showIcon title={t('round.council.rule')} />
      <Typography.Title level={5}>{t('round.council.current')}</Typography.Title>
      <NameList ids={current} round={round} chair={chair} testId="council-current" empty={t('round.council.none')} />
      <Form
        form={form}
        layout="vertical"
        className="gap-top"
        initialValues={{ members: current.filter((id) => id !== chair), chair: chair ?? undefined }}
        onFinish={(values) => save.mutate(values)}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="members"
              label={t('round.council.members')}
              rules={[{ required: true, type: 'array', min: 1, message: t('round.council.membersRequired') }]}
            >
              <PeoplePicker
                roundId={round.id}
                role="council_member"
                multiple
                known={known}
                placeholder={t('round.council.membersPlaceholder')}
                testId="council-picker"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="chair" label={t('round.council.chair')} rules={[{ required: true, message: t('round.council.chairRequired') }]}>
              <PeoplePicker
                roundId={round.id}
                role="council_chair"
                multiple={false}
                known={known}
                placeholder={t('round.council.chairPlaceholder')}
                testId="chair-picker"
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="council-save">
          {t('round.council.save')}
        </Button>
      </Form>
      {save.isError ? (
        <div className="gap-top">
          <ErrorAlert error={save.error} />
        </div>
      ) : null}
    </Card>
  );
}

/** The organiser's jury and council pickers, side by side on a wide screen. */
export function RoundPeople({ round }: { round: Round }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <JuryCard round={round} />
      </Col>
      <Col xs={24} lg={12}>
        <CouncilCard round={round} />
      </Col>
    </Row>
  );
}
