import { Alert, App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/Feedback.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions, formatVnd } from '../../lib/format.js';
import type { PlanDetail } from './types.js';
import { amountRules, signedVnd, vndInput } from './money.js';

interface Values {
  amount: number;
  reason: string;
}

/**
 * Adjusting a plan: the new amount and the reason, the difference shown while typing, a confirmation naming the old
 * and new amounts, then a new version (sent with the version the user saw, so a concurrent change is refused).
 */
export function AdjustPlanDialog({ plan, onClose }: { plan: PlanDetail; onClose: () => void }) {
  const { t, locale } = usePlansI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const amount = Form.useWatch('amount', form);
  const adjust = useMutation({
    mutationFn: async (values: Values) =>
      unwrap(
        await api.POST('/api/plans/{id}/adjustments', {
          params: { path: { id: plan.id } },
          body: { amount: values.amount, reason: values.reason.trim(), expectedVersion: plan.currentVersion },
        }),
      ),
    onSuccess: async (adjusted) => {
      const last = adjusted.versions.at(-1);
      void message.success(t('plan.adjusted', { version: adjusted.currentVersion, change: signedVnd(last?.difference ?? 0, locale) }));
      client.setQueryData(['plan', plan.id], adjusted);
      await client.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    },
  });
  const valid = typeof amount === 'number' && Number.isInteger(amount) && amount >= 0;
  const change = valid ? amount - plan.amount : 0;
  const submit = (values: Values) => {
    modal.confirm({
      title: t('plan.adjust.title'),
      content: t('plan.adjust.confirm', {
        from: formatVnd(plan.amount, locale),
        to: formatVnd(values.amount, locale),
        change: signedVnd(values.amount - plan.amount, locale),
        version: plan.currentVersion + 1,
      }),
      okText: t('plan.adjust.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'adjust-confirm' },
      onOk: () => adjust.mutateAsync(values).catch(() => undefined),
    });
  };
  return (
    <Modal
      open
      title={t('plan.adjust.title')}
      okText={t('plan.adjust.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={adjust.isPending}
      okButtonProps={{ 'data-testid': 'adjust-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('plan.adjust.intro')}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('plan.adjust.current', { version: plan.currentVersion, amount: formatVnd(plan.amount, locale) })}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" data-testid="adjust-form" onFinish={submit}>
        <Form.Item
          name="amount"
          label={t('plan.adjust.amount')}
          extra={valid ? t('pc.amountHint', { amount: formatBillions(amount, locale) }) : undefined}
          rules={[
            ...amountRules(t('pc.rule.amount')),
            { validator: (_, value: unknown) => (value === plan.amount ? Promise.reject(new Error(t('plan.adjust.same'))) : Promise.resolve()) },
          ]}
        >
          <InputNumber<number> {...vndInput} suffix="đ" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('plan.adjust.reason')}
          rules={[{ required: true, whitespace: true, max: 2000, message: t('pc.rule.text', { max: 2000 }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {valid && change !== 0 ? (
        <Alert
          type={change > 0 ? 'info' : 'warning'}
          data-testid="adjust-diff"
          title={t('plan.adjust.diff', { from: formatVnd(plan.amount, locale), to: formatVnd(amount, locale), change: signedVnd(change, locale) })}
        />
      ) : null}
      {adjust.isError ? (
        <div className="gap-top">
          <ErrorAlert error={adjust.error} />
        </div>
      ) : null}
    </Modal>
  );
}
