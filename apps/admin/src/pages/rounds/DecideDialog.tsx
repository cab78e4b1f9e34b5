import { Alert, App, DatePicker, Form, Input, Modal, Result, Space, Spin, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { IN_PROGRESS_STAGES, type Decision, type Round, type RoundResult } from './types.js';

export function DecisionTable({ decision }: { decision: Decision }) {
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

const average = (row: RoundResult) => (row.average === null ? '—' : row.average.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));

/**
 * The signer's dialog: the list the council recommends with its jury and council results, a warning naming the
 * round's entries still in progress (they are not in this decision), then number and date, progress and the result.
 */
export function DecideDialog({ round, results, onClose }: { round: Round; results: readonly RoundResult[]; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ number: string; date: Dayjs }>();
  const recommended = results.filter((row) => row.stage === 'decision');
  const inProgress = results.filter((row) => IN_PROGRESS_STAGES.has(row.stage));
  const decide = useMutation({
    mutationFn: async (values: { number: string; date: Dayjs }) =>
      unwrap<Decision>(
        await api.POST('/api/rounds/{id}/decision', {
          params: { path: { id: round.id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: { number: values.number.trim(), date: values.date.format('YYYY-MM-DD'), instanceIds: recommended.map((row) => row.instanceId) },
        }),
      ),
    onSuccess: (done) => void message.success(t('round.decide.done', { number: done.number })),
  });
  const done = decide.data;
  return (
    <Modal
      open
      width={900}
      title={t('round.decide')}
      okText={done ? t('common.back') : t('round.decide')}
      cancelText={t('common.cancel')}
      onOk={() => (done ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      okButtonProps={{ disabled: !done && recommended.length === 0, 'data-testid': 'decide-submit' }}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      <div data-testid="decide-dialog">
        {done ? (
          <div data-testid="decision-result">
            <Result
              status="success"
              title={t('round.issued', {
                number: done.number,
                products: done.productCount,
                establishments: done.establishmentCount,
                provinces: done.provinceCount,
              })}
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
            {inProgress.length > 0 ? (
              <Alert
                className="gap"
                type="warning"
                showIcon
                data-testid="decide-in-progress"
                title={t('round.decide.inProgress', { count: inProgress.length })}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {inProgress.map((row) => (
                      <li key={row.instanceId}>
                        {row.code} {row.productName} — {row.establishmentName} ({label('stage', row.stage)})
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <Alert
              className="gap"
              type="info"
              showIcon
              title={recommended.length === 0 ? t('round.decideNothing') : t('round.decideIntro', { count: recommended.length })}
            />
            <SimpleTable<RoundResult>
              testId="decision-preview"
              rows={recommended}
              rowKey={(row) => row.instanceId}
              empty={null}
              columns={[
                { key: 'product', title: t('round.col.product'), render: (row) => row.productName },
                { key: 'establishment', title: t('round.col.establishment'), render: (row) => row.establishmentName },
                { key: 'average', title: t('round.col.average'), render: average },
                { key: 'jury', title: t('round.col.jury'), render: (row) => (row.juryOutcome ? label('juryOutcome', row.juryOutcome) : '—') },
                { key: 'council', title: t('round.col.council'), render: (row) => (row.councilOutcome ? label('councilOutcome', row.councilOutcome) : '—') },
              ]}
            />
            <Form form={form} layout="vertical" className="gap-top" initialValues={{ date: dayjs() }} onFinish={(values) => decide.mutate(values)}>
              <Form.Item
                name="number"
                label={t('round.decisionNumber')}
                rules={[{ required: true, whitespace: true, max: 100, message: t('instance.fieldRequired') }]}
              >
                <Input placeholder="245/QĐ-SCT" maxLength={100} />
              </Form.Item>
              <Form.Item name="date" label={t('round.decisionDate')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
                <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
              </Form.Item>
            </Form>
            {decide.isError ? <ErrorAlert error={decide.error} /> : null}
          </>
        )}
      </div>
    </Modal>
  );
}
