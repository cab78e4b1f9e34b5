import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import '../../lib/dayjs-locale.js';
import type { OfferedAction } from '../../lib/commands.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { useInstance } from '../instance/queries.js';
import { MoneyInput } from './fields.js';
import { RuleRefusal, useSchemeCommand, useSchemePeople, useSchemeRules } from './queries.js';
import { EDITABLE_STAGES, type Scheme } from './types.js';

/** Actions with no form: a confirmation is enough. */
const SIMPLE = new Set(['submit', 'resubmit', 'withdraw', 'complete', 'approve_change']);
const DANGER = new Set(['reject', 'withdraw', 'cancel', 'reject_change']);
const CHANGE_KINDS = ['adjust', 'supplement', 'extend', 'suspend', 'cancel'] as const;

interface Values {
  reason?: string;
  approvedAmount?: number;
  contractNumber?: string;
  progressPercent?: number;
  kind?: 'advance' | 'payment';
  amount?: number;
  paidOn?: Dayjs;
  changeKind?: (typeof CHANGE_KINDS)[number];
  newAllocatedAmount?: number | null;
  newEndsOn?: Dayjs | null;
  members?: string[];
  chair?: string;
  vote?: 'approve' | 'reject';
  conditions?: string;
  settledAmount?: number;
  settledOn?: Dayjs;
}

/** A person picker by name: the council people the API lists for this scheme, searched as the user types. */
function PersonSelect(props: {
  schemeId: string;
  role: 'council_member' | 'council_chair';
  multiple?: boolean;
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  id?: string;
}) {
  const { t } = useSchemesI18n();
  const [q, setQ] = useState('');
  const people = useSchemePeople(props.schemeId, props.role, q);
  return (
    <Select
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('schemeAct.searchPerson')}
      loading={people.isFetching}
      value={props.value}
      onChange={(value: string | string[]) => props.onChange?.(value)}
      data-testid={`pick-${props.role}`}
      options={(people.data?.items ?? []).map((person) => ({ value: person.id, label: `${person.displayName} (${person.email})` }))}
    />
  );
}

/** The form one stage action needs, with its bounds and the rule behind them explained. */
function ActionDialog({ scheme, action, onClose }: { scheme: Scheme; action: OfferedAction; onClose: () => void }) {
  const { t, label, locale } = useSchemesI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const command = useSchemeCommand(scheme);
  const rules = useSchemeRules(scheme.provinceCode, scheme.year, scheme.fundingSource as 'NATIONAL' | 'LOCAL');
  const kind = Form.useWatch('kind', form);
  const changeKind = Form.useWatch('changeKind', form);
  const name = action.name;
  const allocated = scheme.allocatedAmount ?? 0;
  const advanced = scheme.disbursements.filter((item) => item.kind === 'advance').reduce((total, item) => total + item.amount, 0);
  const advanceRule = rules.data?.advanceRules.find((rule) => rule.activityCode === scheme.subActivity);
  const money = (value: number) => formatVnd(value, locale);
  const required = { required: true, message: t('instance.fieldRequired') };

  const submit = (values: Values) => {
    const payload: Record<string, unknown> = {};
    if (values.reason?.trim()) payload.reason = values.reason.trim();
    switch (name) {
      case 'pass':
        payload.approvedAmount = values.approvedAmount;
        break;
      case 'contract':
        payload.contractNumber = values.contractNumber?.trim();
        break;
      case 'record_progress':
        payload.progressPercent = values.progressPercent;
        break;
      case 'record_disbursement':
        Object.assign(payload, { kind: values.kind, amount: values.amount, paidOn: (values.paidOn ?? dayjs()).format('YYYY-MM-DD') });
        break;
      case 'request_change':
        payload.changeKind = values.changeKind;
        if (values.newAllocatedAmount !== undefined && values.newAllocatedAmount !== null) payload.newAllocatedAmount = values.newAllocatedAmount;
        if (values.changeKind === 'extend' && values.newEndsOn) payload.newEndsOn = values.newEndsOn.format('YYYY-MM-DD');
        break;
      case 'assign_council':
        Object.assign(payload, {
          members: [...(values.members ?? []), ...(values.chair ? [values.chair] : [])],
          ...(values.chair ? { chair: values.chair } : {}),
        });
        break;
      case 'vote':
        payload.vote = values.vote;
        if (values.conditions?.trim()) payload.conditions = values.conditions.trim();
        break;
      case 'settle':
        Object.assign(payload, { settledAmount: values.settledAmount, settledOn: (values.settledOn ?? dayjs()).format('YYYY-MM-DD') });
        break;
    }
    command.mutate(
      { type: name, payload },
      {
        onSuccess: () => {
          void message.success(t('scheme.done', { action: label('action', name) }));
          onClose();
        },
      },
    );
  };

  const passBound = scheme.stage === 'central_appraisal' ? allocated : scheme.requestedAmount;
  const refusal = command.error instanceof RuleRefusal ? command.error : null;
  return (
    <Modal
      open
      title={label('action', name)}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={command.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid={`form-${name}`}
        initialValues={{ kind: 'payment', paidOn: dayjs(), settledOn: dayjs(), changeKind: 'adjust' }}
      >
        {name === 'pass' ? (
          <Form.Item
            name="approvedAmount"
            label={t('schemeAct.approvedAmount')}
            rules={[required, { type: 'number', max: passBound, message: t('schemeAct.approvedBound', { max: money(passBound), what: '' }) }]}
            extra={t('schemeAct.approvedBound', {
              max: money(passBound),
              what: t(scheme.stage === 'central_appraisal' ? 'schemeAct.bound.allocated' : 'schemeAct.bound.requested'),
            })}
          >
            <MoneyInput />
          </Form.Item>
        ) : null}
        {name === 'contract' ? (
          <Form.Item name="contractNumber" label={t('schemeAct.contractNumber')} rules={[{ ...required, whitespace: true }, { max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {name === 'record_progress' ? (
          <Form.Item name="progressPercent" label={t('schemeAct.progress')} rules={[required, { type: 'number', min: 0, max: 100 }]}>
            <MoneyInput max={100} />
          </Form.Item>
        ) : null}
        {name === 'record_disbursement' ? (
          <>
            <Form.Item name="kind" label={t('schemeAct.kind')}>
              <Radio.Group
                options={[
                  { value: 'advance', label: t('schemeAct.kind.advance') },
                  { value: 'payment', label: t('schemeAct.kind.payment') },
                ]}
              />
            </Form.Item>
            {kind === 'advance' && advanceRule ? (
              <Alert
                className="gap"
                type="info"
                showIcon
                data-testid="advance-rule"
                title={
                  advanceRule.maxPercent === 0
                    ? t('schemeAct.noAdvance', { citation: advanceRule.citation })
                    : t('schemeAct.advanceRule', {
                        percent: advanceRule.maxPercent,
                        max: money(Math.floor((allocated * advanceRule.maxPercent) / 100)),
                        progress: advanceRule.progressAbove === null ? '' : t('schemeAct.advanceProgress', { p: advanceRule.progressAbove }),
                        citation: advanceRule.citation,
                        advanced: money(advanced),
                        left: money(Math.max(0, Math.floor((allocated * advanceRule.maxPercent) / 100) - advanced)),
                      })
                }
              />
            ) : null}
            {kind === 'payment' ? (
              <Alert
                className="gap"
                type="info"
                showIcon
                title={t('schemeAct.paymentBound', { left: money(Math.max(0, allocated - scheme.disbursedAmount)) })}
              />
            ) : null}
            <Form.Item name="amount" label={t('schemeAct.amount')} rules={[required]}>
              <MoneyInput />
            </Form.Item>
            <Form.Item name="paidOn" label={t('schemeAct.paidOn')} rules={[required]}>
              <DatePicker format="DD/MM/YYYY" className="full" />
            </Form.Item>
          </>
        ) : null}
        {name === 'request_change' ? (
          <>
            <Form.Item name="changeKind" label={t('schemeAct.changeKind')} rules={[required]}>
              <Select options={CHANGE_KINDS.map((code) => ({ value: code, label: label('changeKind', code) }))} />
            </Form.Item>
            {changeKind === 'adjust' || changeKind === 'supplement' ? (
              <Form.Item
                name="newAllocatedAmount"
                label={t('schemeAct.newAllocated')}
                extra={t('schemeAct.newAllocatedBound', { max: money(allocated) })}
                rules={[{ type: 'number', max: allocated, message: t('schemeAct.newAllocatedBound', { max: money(allocated) }) }]}
              >
                <MoneyInput />
              </Form.Item>
            ) : null}
            {changeKind === 'extend' ? (
              <Form.Item
                name="newEndsOn"
                label={t('schemeAct.newEndsOn')}
                extra={scheme.endsOn ? t('schemeAct.newEndsOnBound', { date: formatDate(scheme.endsOn, locale) }) : undefined}
                rules={[
                  required,
                  {
                    validator: (_rule, value: Dayjs | null | undefined) =>
                      !value || !scheme.endsOn || value.format('YYYY-MM-DD') > scheme.endsOn
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('schemeAct.newEndsOnBound', { date: formatDate(scheme.endsOn, locale) }))),
                  },
                ]}
              >
                <DatePicker format="DD/MM/YYYY" className="full" />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        {name === 'assign_council' ? (
          <>
            <Form.Item name="members" label={t('schemeAct.members')} rules={[required]}>
              <PersonSelect schemeId={scheme.id} role="council_member" multiple />
            </Form.Item>
            <Form.Item name="chair" label={t('schemeAct.chair')}>
              <PersonSelect schemeId={scheme.id} role="council_chair" />
            </Form.Item>
          </>
        ) : null}
        {name === 'vote' ? (
          <>
            <Form.Item name="vote" label={t('schemeAct.vote')} rules={[required]}>
              <Radio.Group>
                <Radio value="approve">{t('vote.approve')}</Radio>
                <Radio value="reject">{t('vote.reject')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="conditions" label={t('schemeAct.conditions')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        ) : null}
        {name === 'settle' ? (
          <>
            <Form.Item
              name="settledAmount"
              label={t('schemeAct.settledAmount')}
              rules={[
                required,
                { type: 'number', max: allocated, message: t('schemeAct.settleBound', { max: money(allocated), paid: money(scheme.disbursedAmount) }) },
              ]}
              extra={t('schemeAct.settleBound', { max: money(allocated), paid: money(scheme.disbursedAmount) })}
            >
              <MoneyInput />
            </Form.Item>
            <Form.Item name="settledOn" label={t('schemeAct.settledOn')} rules={[required]}>
              <DatePicker format="DD/MM/YYYY" className="full" />
            </Form.Item>
          </>
        ) : null}
        {action.requiresReason ? (
          <Form.Item name="reason" label={t('schemeAct.reason')} rules={[{ required: true, whitespace: true, message: t('instance.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
      </Form>
      {command.isError ? <ErrorAlert error={command.error} /> : null}
      {refusal?.rule ? (
        <Alert type="error" showIcon data-testid="refused-rule" title={t('schemeAct.ruleRefused', { rule: refusal.rule.citation ?? refusal.rule.basis })} />
      ) : null}
    </Modal>
  );
}

/**
 * The stage actions the user may take on the scheme, each with its form. Four-eyes: the officer who submitted the
 * scheme is not offered the officers' decisions on it (the API refuses them too).
 */
export function SchemeActions({ scheme, instanceId }: { scheme: Scheme; instanceId: string }) {
  const { t, label } = useSchemesI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const instance = useInstance(instanceId);
  const command = useSchemeCommand(scheme);
  const [open, setOpen] = useState<OfferedAction | null>(null);
  // What the user may do now, as the API's engine says (four-eyes, scope, council membership honoured there).
  const actions = instance.data?.availableActions ?? [];
  const fourEyes = instance.data?.submittedByYou === true && instance.data.status === 'active' && !EDITABLE_STAGES.has(instance.data.stage);
  const refusal = command.error instanceof RuleRefusal ? command.error : null;
  return (
    <Card title={t('scheme.actions')} data-testid="actions">
      {instance.error ? <ErrorAlert error={instance.error} /> : null}
      {command.isError ? <ErrorAlert error={command.error} /> : null}
      {refusal?.rule ? (
        <Alert className="gap" type="error" showIcon title={t('schemeAct.ruleRefused', { rule: refusal.rule.citation ?? refusal.rule.basis })} />
      ) : null}
      {fourEyes ? <Alert className="gap" type="info" showIcon data-testid="four-eyes" title={t('schemeAct.fourEyes')} /> : null}
      {actions.length === 0 ? (
        <EmptyState why={t('scheme.noActions')} />
      ) : (
        <Space wrap>
          {/* Who may send the draft (or the returned scheme) may rewrite it first. The scheme's own stage is read too:
              it is updated by the command's answer at once, the instance's actions only on their refresh. */}
          {EDITABLE_STAGES.has(scheme.stage) && actions.some((action) => action.name === 'submit' || action.name === 'resubmit') ? (
            <Button onClick={() => void navigate(`/schemes/${scheme.id}/edit`)} data-testid="edit-scheme">
              {t('scheme.edit')}
            </Button>
          ) : null}
          {actions.map((action) =>
            SIMPLE.has(action.name) ? (
              <Popconfirm
                key={action.name}
                title={label('action', action.name)}
                description={action.name === 'withdraw' ? t('schemeAct.confirm.withdraw') : undefined}
                okText={t('common.confirm')}
                okButtonProps={{ danger: DANGER.has(action.name) }}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  command.mutate(
                    { type: action.name, payload: {} },
                    { onSuccess: () => void message.success(t('scheme.done', { action: label('action', action.name) })) },
                  )
                }
              >
                <Button
                  type={DANGER.has(action.name) ? 'default' : 'primary'}
                  danger={DANGER.has(action.name)}
                  loading={command.isPending && command.variables.type === action.name}
                  data-action={action.name}
                >
                  {label('action', action.name)}
                </Button>
              </Popconfirm>
            ) : (
              <Button
                key={action.name}
                type={DANGER.has(action.name) ? 'default' : 'primary'}
                danger={DANGER.has(action.name)}
                onClick={() => setOpen(action)}
                data-action={action.name}
              >
                {label('action', action.name)}
              </Button>
            ),
          )}
        </Space>
      )}
      {open ? <ActionDialog scheme={scheme} action={open} onClose={() => setOpen(null)} /> : null}
      {instance.data?.status === 'active' && scheme.stage === 'change_review' ? <PendingChange scheme={scheme} /> : null}
    </Card>
  );
}

function PendingChange({ scheme }: { scheme: Scheme }) {
  const { t, label, locale } = useSchemesI18n();
  const pending = scheme.changes.find((change) => change.status === 'pending');
  if (!pending) return null;
  return (
    <Typography.Paragraph className="gap" data-testid="pending-change">
      {t('schemeAct.pendingChange', {
        kind: label('changeKind', pending.kind),
        reason: pending.reason,
        amount:
          pending.newAllocatedAmount !== null
            ? ` → ${formatVnd(pending.newAllocatedAmount, locale)}`
            : pending.newEndsOn !== null
              ? ` → ${formatDate(pending.newEndsOn, locale)}`
              : '',
      })}
    </Typography.Paragraph>
  );
}
