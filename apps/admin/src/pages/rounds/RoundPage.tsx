import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import type { Decision, Round, RoundResults } from './types.js';

type Result = RoundResults['items'][number];

function DecisionTable({ decision }: { decision: Decision }) {
  const { t } = useI18n();
  return (
    <SimpleTable<Decision['items'][number]>
      testId="decision-items"
      rows={decision.items}
      rowKey={(row) => row.instanceId}
      empty={null}
      columns={[
        { key: 'cert', title: t('round.col.certificate'), render: (row) => <Link to={`/verify/${row.certificateNumber}`}>{row.certificateNumber}</Link> },
        { key: 'product', title: t('round.col.product'), render: (row) => row.productName },
        { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
        { key: 'valid', title: t('round.col.validUntil'), render: (row) => formatDate(row.validUntil) },
      ]}
    />
  );
}

/** The signer's dialog: the list first, then number and date, then progress and the result. */
function DecideDialog({ round, recommended, onClose }: { round: Round; recommended: Result[]; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ number: string; date: Dayjs }>();
  const decide = useMutation({
    mutationFn: async (values: { number: string; date: Dayjs }) =>
      unwrap<Decision>(
        await api.POST(
          '/api/rounds/{id}/decision',
          { params: { path: { id: round.id } }, body: { number: values.number.trim(), date: values.date.format('YYYY-MM-DD'), instanceIds: recommended.map((row) => row.instanceId) } },
        ),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['round', round.id] }),
  });
  const done = decide.data;
  return (
    <Modal
      open
      width={860}
      title={t('round.decide')}
      okText={done ? t('common.back') : t('round.decide')}
      cancelText={t('common.cancel')}
      onOk={() => (done ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      {done ? (
        <div data-testid="decision-result">
          <Result
            status="success"
            title={t('round.issued', { number: done.number, products: done.productCount, establishments: done.establishmentCount, provinces: done.provinceCount })}
          />
          <DecisionTable decision={done} />
        </div>
      ) : decide.isPending ? (
        <div className="center" role="status">
          <Space direction="vertical" align="center">
            <Spin />
            <Typography.Text>{t('round.issuing')}</Typography.Text>
          </Space>
        </div>
      ) : (
        <>
          <Alert className="gap" type="info" showIcon title={t('round.decideIntro', { count: recommended.length })} />
          <SimpleTable<Result>
            testId="decision-preview"
            rows={recommended}
            rowKey={(row) => row.instanceId}
            empty={null}
            columns={[
              { key: 'product', title: t('round.col.product'), render: (row) => row.productName },
              { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
              { key: 'average', title: t('round.col.average'), render: (row) => (row.average === null ? '—' : row.average.toLocaleString('vi-VN', { maximumFractionDigits: 2 })) },
            ]}
          />
          <Form form={form} layout="inline" className="gap-top" initialValues={{ date: dayjs() }} onFinish={(values) => decide.mutate(values)}>
            <Form.Item name="number" label={t('round.decisionNumber')} rules={[{ required: true, whitespace: true, message: t('instance.fieldRequired') }]}>
              <Input placeholder="245/QĐ-SCT" />
            </Form.Item>
            <Form.Item name="date" label={t('round.decisionDate')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          </Form>
          {decide.isError ? <ErrorAlert error={decide.error} /> : null}
        </>
      )}
    </Modal>
  );
}

/** A round: its results, its recognition decision, and for the signer the decision to issue. */
export default function RoundPage() {
  const { t, label } = useI18n();
  const { id = '' } = useParams();
  const session = useSession();
  const [deciding, setDeciding] = useState(false);
  const round = useQuery({ queryKey: ['round', id], queryFn: async () => unwrap<Round>(await api.GET('/api/rounds/{id}', { params: { path: { id } } })) });
  const results = useQuery({ queryKey: ['round', id, 'results'], queryFn: async () => unwrap<RoundResults>(await api.GET('/api/rounds/{id}/results', { params: { path: { id } } })) });
  const decision = useQuery({
    queryKey: ['round', id, 'decision'],
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
  const recommended = (results.data?.items ?? []).filter((row) => row.stage === 'decision');
  const signer = hasAnyRole(session?.user, ['signer']);
  return (
    <Space direction="vertical" size="large" className="full">
      <Card title={<Typography.Title level={3}>{round.data.name}</Typography.Title>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('rounds.col.level')}>{label('level', round.data.level)}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.col.year')}>{round.data.year}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.col.status')}>
            <Tag data-testid="round-status">{label('roundStatus', round.data.status)}</Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('round.decision')}
        data-testid="decision"
        extra={
          signer && !decision.data ? (
            <Button type="primary" disabled={recommended.length === 0} onClick={() => setDeciding(true)}>
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
      <Card title={t('round.results')}>
        {results.error ? <ErrorAlert error={results.error} /> : null}
        <SimpleTable<Result>
          testId="results"
          rows={results.data?.items ?? []}
          rowKey={(row) => row.instanceId}
          empty={<EmptyState why={t('round.resultsEmpty')} />}
          columns={[
            { key: 'product', title: t('round.col.product'), render: (row) => <Link to={`/instances/${row.instanceId}`}>{row.productName}</Link> },
            { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
            { key: 'stage', title: t('round.col.stage'), render: (row) => label('stage', row.stage) },
            { key: 'average', title: t('round.col.average'), render: (row) => (row.average === null ? '—' : row.average.toLocaleString('vi-VN', { maximumFractionDigits: 2 })) },
            { key: 'jury', title: t('round.col.jury'), render: (row) => (row.juryOutcome ? label('stage', row.juryOutcome) : '—') },
            { key: 'council', title: t('round.col.council'), render: (row) => (row.councilOutcome ? label('stage', row.councilOutcome) : '—') },
          ]}
        />
      </Card>
      {deciding ? <DecideDialog round={round.data} recommended={recommended} onClose={() => setDeciding(false)} /> : null}
    </Space>
  );
}
