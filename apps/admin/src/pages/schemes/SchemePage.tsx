import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Progress, Radio, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionDefinition } from '@khuyencong/domain';
import { useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { newIdempotencyKey } from '../../lib/commands.js';
import { actionsFor } from '../../lib/definitions.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { formatBillions, formatDate, formatVnd } from '../../lib/format.js';
import { useInstance } from '../instance/queries.js';
import type { Scheme } from './types.js';

type BudgetLine = Scheme['budgetLines'][number];
type Values = Record<string, unknown> & { reason?: string; members?: string; chair?: string; vote?: string };

const lines = (text: unknown) => (typeof text === 'string' ? text.split(/\s+/).filter(Boolean) : []);

function useSchemeCommand(scheme: Scheme) {
  const queryClient = useQueryClient();
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['scheme', scheme.id] }),
      scheme.instanceId ? queryClient.invalidateQueries({ queryKey: ['instance', scheme.instanceId] }) : undefined,
    ]);
  return useMutation({
    mutationFn: async ({ type, payload }: { type: string; payload: Record<string, unknown> }) =>
      unwrap<{ scheme: Scheme }>(
        await api.POST(
          '/api/schemes/{id}/commands/{type}',
          { params: { path: { id: scheme.id, type }, header: { 'If-Match': String(scheme.version ?? 0), 'Idempotency-Key': newIdempotencyKey() } }, body: { payload } },
        ),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(['scheme', scheme.id], result.scheme);
      return reload();
    },
    onError: (error) => (error instanceof ApiError && error.status === 409 ? reload() : undefined),
  });
}

function needsForm(action: ActionDefinition) {
  return action.requiresReason === true || (action.payload?.length ?? 0) > 0 || action.name === 'vote' || action.name === 'assign_council' || action.name === 'record_disbursement';
}

/** The form of one stage action: reason, the declared amounts and fields, the council or the vote. */
function SchemeActionDialog({ scheme, action, onClose }: { scheme: Scheme; action: ActionDefinition; onClose: () => void }) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const command = useSchemeCommand(scheme);
  const submit = (values: Values) => {
    const payload: Record<string, unknown> = {};
    for (const field of action.payload ?? []) if (values[field.field] !== undefined && values[field.field] !== null) payload[field.field] = values[field.field];
    if (values.reason) payload.reason = values.reason.trim();
    if (action.name === 'record_disbursement') Object.assign(payload, { kind: values.kind, paidOn: values.paidOn });
    if (action.name === 'assign_council') Object.assign(payload, { members: lines(values.members), ...(values.chair ? { chair: String(values.chair).trim() } : {}) });
    if (action.name === 'vote') payload.vote = values.vote;
    command.mutate(
      { type: action.name, payload },
      {
        onSuccess: () => {
          void message.success(t('scheme.done', { action: label('action', action.name) }));
          onClose();
        },
      },
    );
  };
  const requested = scheme.requestedAmount;
  return (
    <Modal open title={label('action', action.name)} okText={t('common.confirm')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={command.isPending} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid={`form-${action.name}`} initialValues={{ kind: 'payment', paidOn: new Date().toISOString().slice(0, 10) }}>
        {(action.payload ?? []).map((field) =>
          field.type === 'text' ? (
            <Form.Item key={field.field} name={field.field} label={label('attribute', field.field)} rules={[{ required: field.required, message: t('instance.fieldRequired') }]}>
              <Input />
            </Form.Item>
          ) : (
            <Form.Item
              key={field.field}
              name={field.field}
              label={label('attribute', field.field)}
              rules={[{ required: field.required, message: t('instance.fieldRequired') }]}
              extra={field.field === 'approvedAmount' ? `${t('schemes.col.requested')}: ${formatVnd(requested, locale)}` : undefined}
            >
              <InputNumber<number>
                className="full"
                min={0}
                max={field.type === 'percent' ? 100 : undefined}
                formatter={(value) => (value === undefined || value === null || field.type === 'percent' ? String(value ?? '') : Number(value).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'))}
                parser={(text) => Number((text ?? '').replace(/[^\d]/g, ''))}
                addonAfter={field.type === 'percent' ? '%' : locale === 'vi' ? 'đồng' : 'VND'}
              />
            </Form.Item>
          ),
        )}
        {action.name === 'record_disbursement' ? (
          <>
            <Form.Item name="kind" label={t('scheme.col.kind')}>
              <Radio.Group options={[{ value: 'advance', label: 'Tạm ứng / advance' }, { value: 'payment', label: 'Thanh toán / payment' }]} />
            </Form.Item>
            <Form.Item name="paidOn" label={t('scheme.col.paidOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {action.name === 'assign_council' ? (
          <>
            <Form.Item name="members" label={t('assign.members')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
            <Form.Item name="chair" label={t('assign.chair')}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {action.name === 'vote' ? (
          <Form.Item name="vote" rules={[{ required: true, message: t('instance.fieldRequired') }]}>
            <Radio.Group>
              <Radio value="approve">{t('vote.approve')}</Radio>
              <Radio value="reject">{t('vote.reject')}</Radio>
            </Radio.Group>
          </Form.Item>
        ) : null}
        {action.requiresReason ? (
          <Form.Item name="reason" label={t('instance.reason')} rules={[{ required: true, whitespace: true, message: t('instance.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
      </Form>
      {command.isError ? <ErrorAlert error={command.error} /> : null}
    </Modal>
  );
}

function SchemeActions({ scheme }: { scheme: Scheme }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const instance = useInstance(scheme.instanceId ?? '');
  const command = useSchemeCommand(scheme);
  const [open, setOpen] = useState<ActionDefinition | null>(null);
  if (!scheme.instanceId) return null;
  const actions = instance.data ? actionsFor(instance.data, session?.user.grants ?? []) : [];
  return (
    <Card title={t('scheme.actions')} data-testid="actions">
      {instance.error ? <ErrorAlert error={instance.error} /> : null}
      {command.isError ? <ErrorAlert error={command.error} /> : null}
      {actions.length === 0 ? (
        <EmptyState why={t('scheme.noActions')} />
      ) : (
        <Space wrap>
          {actions.map((action) =>
            needsForm(action) ? (
              <Button key={action.name} type={action.requiresReason ? 'default' : 'primary'} danger={action.name === 'reject'} onClick={() => setOpen(action)} data-action={action.name}>
                {label('action', action.name)}
              </Button>
            ) : (
              <Popconfirm
                key={action.name}
                title={label('action', action.name)}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => command.mutate({ type: action.name, payload: {} }, { onSuccess: () => void message.success(t('scheme.done', { action: label('action', action.name) })) })}
              >
                <Button type="primary" loading={command.isPending && command.variables.type === action.name} data-action={action.name}>
                  {label('action', action.name)}
                </Button>
              </Popconfirm>
            ),
          )}
        </Space>
      )}
      {open ? <SchemeActionDialog scheme={scheme} action={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

/** Warnings of a budget line against its support rule, as the API matched it. */
function warningsOf(line: BudgetLine, t: (key: 'scheme.ruleMissing' | 'scheme.overEligible') => string): string[] {
  const warnings: string[] = [];
  if (!line.ruleCode) warnings.push(t('scheme.ruleMissing'));
  if (line.supportAmount > line.eligibleCost) warnings.push(t('scheme.overEligible'));
  return warnings;
}

/** A scheme: its stage and actions, budget lines with rule warnings, beneficiaries and disbursements. */
function SchemeView() {
  const { t, label, locale } = useI18n();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['scheme', id], queryFn: async () => unwrap<Scheme>(await api.GET('/api/schemes/{id}', { params: { path: { id } } })) });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const scheme = query.data;
  const warnings = scheme.budgetLines.flatMap((line) => warningsOf(line, t));
  return (
    <Space direction="vertical" size="large" className="full">
      <Card
        title={
          <Typography.Title level={3}>
            {scheme.code} — {scheme.title}
          </Typography.Title>
        }
        extra={
          <Tag color="blue" data-testid="scheme-stage" data-stage={scheme.stage}>
            {label('stage', scheme.stage)}
          </Tag>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('schemes.col.unit')}>{scheme.implementingUnit}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.location')}>{scheme.location}</Descriptions.Item>
          <Descriptions.Item label={t('schemes.source')}>{label('fundingSource', scheme.fundingSource)}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.contentGroup')}>
            {label('contentGroup', scheme.contentGroupCode)} · {label('subActivity', scheme.subActivity)}
          </Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.requested')}>{formatBillions(scheme.requestedAmount, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.allocated')}>
            <span data-testid="allocated">{scheme.allocatedAmount === null ? '—' : formatBillions(scheme.allocatedAmount, locale)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.disbursed')}>{formatBillions(scheme.disbursedAmount, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.contract')}>{scheme.contractNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.progress')}>
            <Progress percent={scheme.progressPercent} size="small" style={{ width: 200 }} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <SchemeActions scheme={scheme} />
      <Card title={t('scheme.budget')} data-testid="budget">
        {warnings.length > 0 ? <Alert className="gap" type="warning" showIcon title={[...new Set(warnings)].join(' ')} data-testid="rule-warnings" /> : null}
        <SimpleTable<BudgetLine>
          rows={scheme.budgetLines}
          rowKey={(row) => String(row.position)}
          empty={null}
          columns={[
            { key: 'activity', title: t('scheme.col.activity'), render: (row) => label('subActivity', row.activityCode) },
            { key: 'description', title: t('scheme.col.description'), render: (row) => row.description },
            { key: 'eligible', title: t('scheme.col.eligible'), render: (row) => formatVnd(row.eligibleCost, locale) },
            { key: 'support', title: t('scheme.col.support'), render: (row) => formatVnd(row.supportAmount, locale) },
            { key: 'rule', title: t('scheme.col.rule'), render: (row) => row.ruleCode ?? '—' },
            {
              key: 'warning',
              title: t('scheme.col.warning'),
              render: (row) =>
                warningsOf(row, t).map((warning) => (
                  <Tag key={warning} color="orange">
                    {warning}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
      {scheme.beneficiaries.length > 0 ? (
        <Card title={t('scheme.beneficiaries')}>
          <SimpleTable<Scheme['beneficiaries'][number]>
            rows={scheme.beneficiaries}
            rowKey={(row) => row.name}
            empty={null}
            columns={[
              { key: 'name', title: t('verify.establishment'), render: (row) => row.name },
              { key: 'support', title: t('scheme.col.support'), render: (row) => formatVnd(row.supportAmount, locale) },
              { key: 'co', title: 'Đối ứng / co-funding', render: (row) => formatVnd(row.coFundingAmount, locale) },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t('scheme.disbursements')}>
        <SimpleTable<Scheme['disbursements'][number]>
          testId="disbursements"
          rows={scheme.disbursements}
          rowKey={(row) => `${row.paidOn}-${row.kind}-${row.amount}`}
          empty={<EmptyState why={t('scheme.noDisbursements')} />}
          columns={[
            { key: 'kind', title: t('scheme.col.kind'), render: (row) => label('disbursementKind', row.kind) },
            { key: 'amount', title: t('scheme.col.amount'), render: (row) => formatVnd(row.amount, locale) },
            { key: 'paidOn', title: t('scheme.col.paidOn'), render: (row) => formatDate(row.paidOn) },
          ]}
        />
      </Card>
    </Space>
  );
}

/** The scheme page inside antd's App, so that the actions can show their messages. */
export default function SchemePage() {
  return (
    <App component={false}>
      <SchemeView />
    </App>
  );
}
