import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useCommand, type InstanceView, type OfferedAction } from '../../lib/commands.js';

type PayloadField = OfferedAction['fields'][number];
import { unwrap } from '../../lib/errors.js';
import { formatVnd } from '../../lib/format.js';

const CHANGE_KINDS = ['adjust', 'supplement', 'suspend', 'cancel'] as const;
const MEMBER_ACTIONS = new Set(['assign_judges', 'assign_council']);

/** Whether the action needs more than a confirmation. */
export function needsForm(action: OfferedAction): boolean {
  return action.requiresReason || action.fields.length > 0 || action.name === 'recuse' || MEMBER_ACTIONS.has(action.name);
}

type FormValues = Record<string, unknown> & { reason?: string; members?: string | string[]; chair?: string };

/** Members as chosen by name (a list of ids) or, where the round is unknown, typed one per line. */
const lines = (value: unknown) =>
  Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];

type EligiblePerson = paths['/api/rounds/{id}/eligible-people']['get']['responses'][200]['content']['application/json']['items'][number];

/** People who may sit on the round's jury or council (by role, in the round's area), chosen by name. */
type EligibleRole = 'judge' | 'council_member' | 'council_chair';

function PeoplePicker({
  roundId,
  roles,
  multiple,
  value,
  onChange,
  testId,
}: {
  roundId: string;
  roles: EligibleRole[];
  multiple: boolean;
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const people = useQuery({
    queryKey: ['rounds', roundId, 'eligible-people', roles, search],
    queryFn: async (): Promise<EligiblePerson[]> => {
      const lists = await Promise.all(
        roles.map(
          async (role) =>
            unwrap(await api.GET('/api/rounds/{id}/eligible-people', { params: { path: { id: roundId }, query: { role, ...(search ? { q: search } : {}) } } }))
              .items,
        ),
      );
      // A chair sits on the council too: one line per person, whatever roles they hold.
      return [...new Map(lists.flat().map((person) => [person.id, person])).values()];
    },
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <Select<string | string[]>
        mode={multiple ? 'multiple' : undefined}
        showSearch
        allowClear
        value={value}
        onChange={(next) => onChange?.(next)}
        onSearch={setSearch}
        filterOption={false}
        loading={people.isFetching}
        notFoundContent={people.isFetching ? t('common.loading') : t('assign.nobody')}
        data-testid={testId}
        options={(people.data ?? []).map((person) => ({ value: person.id, label: `${person.displayName} (${person.email})` }))}
      />
      {people.isError ? <ErrorAlert error={people.error} onRetry={() => void people.refetch()} /> : null}
    </>
  );
}

/** Builds the engine's payload from the form: the reason, declared fields, members. */
function payloadOf(action: OfferedAction, values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (values.reason) payload.reason = values.reason.trim();
  for (const field of action.fields) if (values[field.field] !== undefined) payload[field.field] = values[field.field];
  if (action.name === 'assign_judges') payload.judges = lines(values.members);
  if (action.name === 'assign_council') Object.assign(payload, { members: lines(values.members), chair: values.chair?.trim() || null });
  return payload;
}

function FieldInput({ field }: { field: PayloadField }) {
  const { t, label: labelOf, locale } = useI18n();
  const max = field.max ?? undefined;
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
        formatter={(value) =>
          value === undefined || value === null || percent ? String(value ?? '') : Number(value).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')
        }
        parser={(text) => Number((text ?? '').replace(/[^\d]/g, ''))}
        addonAfter={percent ? '%' : locale === 'vi' ? 'đồng' : 'VND'}
      />
    </Form.Item>
  );
}

/** A modal form for one action; on 409 the page reloads and the user is told to look again. */
export function ActionDialog({ instance, action, onClose }: { instance: InstanceView; action: OfferedAction; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const command = useCommand();
  const roundId = typeof instance.round?.roundId === 'string' ? instance.round.roundId : null;
  const submit = (values: FormValues) =>
    command.mutate(
      { instanceId: instance.instanceId, type: action.name, version: instance.version, payload: payloadOf(action, values) },
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
      okButtonProps={{ danger: action.name === 'reject' || action.name === 'withdraw' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={command.isPending}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid={`form-${action.name}`}>
        {MEMBER_ACTIONS.has(action.name) ? (
          <Form.Item
            name="members"
            label={roundId ? t(action.name === 'assign_judges' ? 'assign.judgesByName' : 'assign.membersByName') : t('assign.members')}
            rules={[{ required: true, message: t('instance.fieldRequired') }]}
          >
            {roundId ? (
              <PeoplePicker
                roundId={roundId}
                roles={action.name === 'assign_judges' ? ['judge'] : ['council_member', 'council_chair']}
                multiple
                testId="pick-members"
              />
            ) : (
              <Input.TextArea rows={4} />
            )}
          </Form.Item>
        ) : null}
        {action.name === 'assign_council' ? (
          <Form.Item name="chair" label={roundId ? t('assign.chairByName') : t('assign.chair')}>
            {roundId ? <PeoplePicker roundId={roundId} roles={['council_chair']} multiple={false} testId="pick-chair" /> : <Input />}
          </Form.Item>
        ) : null}
        {action.fields.map((field) => (
          <FieldInput key={field.field} field={field} />
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
