import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { ActionDefinition, PayloadField } from '@khuyencong/domain';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSession } from '../../lib/auth.js';
import { useCommand, type InstanceView } from '../../lib/commands.js';
import { formatVnd } from '../../lib/format.js';
import { DossierFields, isDossierAction, type DossierValue } from './DossierFields.js';

const CHANGE_KINDS = ['adjust', 'supplement', 'suspend', 'cancel'] as const;
const MEMBER_ACTIONS = new Set(['assign_judges', 'assign_council']);

/** Whether the action needs more than a confirmation. */
export function needsForm(action: ActionDefinition, instance: InstanceView): boolean {
  return (
    action.requiresReason === true ||
    (action.payload?.length ?? 0) > 0 ||
    action.name === 'vote' ||
    action.name === 'recuse' ||
    MEMBER_ACTIONS.has(action.name) ||
    isDossierAction(action, instance)
  );
}

type FormValues = Record<string, unknown> & { reason?: string; vote?: string; members?: string; chair?: string; dossier?: DossierValue };

const lines = (text: unknown) => (typeof text === 'string' ? text.split(/\s+/).filter(Boolean) : []);

/** Builds the engine's payload from the form: the reason, declared fields, votes, members, the dossier. */
function payloadOf(action: ActionDefinition, values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (values.reason) payload.reason = values.reason.trim();
  for (const field of action.payload ?? []) if (values[field.field] !== undefined) payload[field.field] = values[field.field];
  if (action.name === 'vote') payload.vote = values.vote;
  if (action.name === 'assign_judges') payload.judges = lines(values.members);
  if (action.name === 'assign_council') Object.assign(payload, { members: lines(values.members), chair: values.chair?.trim() || null });
  return payload;
}

function FieldInput({ field, instance }: { field: PayloadField; instance: InstanceView }) {
  const { t, label: labelOf, locale } = useI18n();
  const cap = field.atMostAttribute ? instance.attributes[field.atMostAttribute] : undefined;
  const max = typeof cap === 'number' ? cap : undefined;
  const rules = [
    { required: field.required, message: t('instance.fieldRequired') },
    ...(max === undefined ? [] : [{ type: 'number' as const, max, message: t('instance.atMost', { value: formatVnd(max, locale) }) }]),
  ];
  const name = field.field;
  const label = labelOf('attribute', name);
  if (field.field === 'changeKind') {
    return (
      <Form.Item name={name} label={label} rules={rules}>
        <Select options={CHANGE_KINDS.map((kind) => ({ value: kind, label: labelOf('changeKind', kind) }))} />
      </Form.Item>
    );
  }
  if (field.type === 'text') {
    return (
      <Form.Item name={name} label={label} rules={rules}>
        <Input />
      </Form.Item>
    );
  }
  const percent = field.type === 'percent';
  return (
    <Form.Item name={name} label={label} rules={rules} extra={max === undefined ? undefined : t('instance.atMost', { value: formatVnd(max, locale) })}>
      <InputNumber<number>
        className="full"
        min={0}
        max={percent ? 100 : undefined}
        step={percent ? 1 : 1_000_000}
        decimalSeparator={locale === 'vi' ? ',' : '.'}
        formatter={(value) => (value === undefined || value === null || percent ? String(value ?? '') : Number(value).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'))}
        parser={(text) => Number((text ?? '').replace(/[^\d]/g, ''))}
        addonAfter={percent ? '%' : locale === 'vi' ? 'đồng' : 'VND'}
      />
    </Form.Item>
  );
}

/** A modal form for one action; on 409 the page reloads and the user is told to look again. */
export function ActionDialog({ instance, action, onClose }: { instance: InstanceView; action: ActionDefinition; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const [form] = Form.useForm<FormValues>();
  const command = useCommand();
  const isChair = (session?.user.grants ?? []).some((grant) => grant.role === 'council_chair');
  const submit = (values: FormValues) =>
    command.mutate(
      { instanceId: instance.instanceId, type: action.name, version: instance.version, payload: payloadOf(action, values), dossier: values.dossier?.documents },
      {
        onSuccess: () => {
          void message.success(t('instance.done', { action: label('action', action.name) }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={label('action', action.name)}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={command.isPending}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid={`form-${action.name}`}>
        {isDossierAction(action, instance) ? <DossierFields /> : null}
        {action.name === 'vote' ? (
          <Form.Item name="vote" rules={[{ required: true, message: t('instance.fieldRequired') }]}>
            <Radio.Group>
              <Radio value="approve">{t('vote.approve')}</Radio>
              <Radio value="reject">{t('vote.reject')}</Radio>
              {isChair ? <Radio value="veto">{t('vote.veto')}</Radio> : null}
            </Radio.Group>
          </Form.Item>
        ) : null}
        {MEMBER_ACTIONS.has(action.name) ? (
          <Form.Item name="members" label={t('assign.members')} rules={[{ required: true, message: t('instance.fieldRequired') }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        {action.name === 'assign_council' ? (
          <Form.Item name="chair" label={t('assign.chair')}>
            <Input />
          </Form.Item>
        ) : null}
        {(action.payload ?? []).map((field) => (
          <FieldInput key={field.field} field={field} instance={instance} />
        ))}
        {action.requiresReason || action.name === 'recuse' ? (
          <Form.Item name="reason" label={t('instance.reason')} rules={[{ required: true, whitespace: true, message: t('instance.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
      </Form>
      {command.isError ? <ErrorAlert error={command.error} /> : null}
    </Modal>
  );
}
