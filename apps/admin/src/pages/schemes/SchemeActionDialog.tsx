import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { advanceCap } from '@khuyencong/domain/money-rules';
import { ErrorAlert } from '../../components/Feedback.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import '../../lib/dayjs-locale.js';
import type { OfferedAction } from '../../lib/commands.js';
import { formatDate, formatVnd } from '../../lib/format.js';
import { MoneyInput } from './fields.js';
import { RuleRefusal, useSchemeCommand, useSchemePeople, useSchemeRules } from './queries.js';
import { type Scheme } from './types.js';

// The form of one scheme action (pass, contract, progress, disbursement, change, council, vote, settlement), its
// bounds explained by the rules the API answered; the engine and the money rules judge it again on sending.

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
export function ActionDialog({ scheme, action, onClose }: { scheme: Scheme; action: OfferedAction; onClose: () => void }) {
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
                        max: money(advanceCap(advanceRule.maxPercent, allocated)),
                        progress: advanceRule.progressAbove === null ? '' : t('schemeAct.advanceProgress', { p: advanceRule.progressAbove }),
                        citation: advanceRule.citation,
                        advanced: money(advanced),
                        left: money(Math.max(0, advanceCap(advanceRule.maxPercent, allocated) - advanced)),
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
