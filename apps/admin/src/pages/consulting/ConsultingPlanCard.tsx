import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, InputNumber, Modal, Progress } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions, formatPercent, formatVnd } from '../../lib/format.js';
import { amountRules, vndInput } from '../plans/money.js';
import type { ConsultingPlan } from './types.js';

function SetPlanDialog({ plan, provinceName, onClose }: { plan: ConsultingPlan; provinceName: string; onClose: () => void }) {
  const { t, locale } = usePlansI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ amount: number }>();
  const amount = Form.useWatch('amount', form);
  const save = useMutation({
    mutationFn: async (value: number) =>
      unwrap(
        await api.PUT('/api/consulting/plans/{provinceCode}/{year}', {
          params: { path: { provinceCode: plan.provinceCode, year: plan.year } },
          body: { amount: value },
        }),
      ),
    onSuccess: (saved) => {
      void message.success(t('cs.plan.saved', { year: saved.year, amount: formatVnd(saved.amount ?? 0, locale) }));
      client.setQueryData(['consulting-plan', plan.provinceCode, plan.year], saved);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('cs.plan.set.title', { year: plan.year, province: provinceName })}
      okText={t('cs.plan.set')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'consulting-plan-submit' }}
      destroyOnHidden
    >
      <p>{t('cs.plan.set.intro')}</p>
      <Form
        form={form}
        layout="vertical"
        data-testid="consulting-plan-form"
        initialValues={{ amount: plan.amount ?? undefined }}
        onFinish={(values) => save.mutate(values.amount)}
      >
        <Form.Item
          name="amount"
          label={t('cs.plan.set.amount')}
          rules={amountRules(t('pc.rule.amount'))}
          extra={typeof amount === 'number' && amount >= 0 ? t('pc.amountHint', { amount: formatBillions(amount, locale) }) : undefined}
        >
          <InputNumber<number> {...vndInput} suffix="đ" />
        </Form.Item>
      </Form>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </Modal>
  );
}

/** A province's consulting revenue plan for the year, the revenue recorded against it, and setting it. */
export function ConsultingPlanCard({ provinceCode, provinceName, year }: { provinceCode: string; provinceName: string; year: number }) {
  const { t, locale } = usePlansI18n();
  const [editing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: ['consulting-plan', provinceCode, year],
    queryFn: async () => unwrap(await api.GET('/api/consulting/plans/{provinceCode}/{year}', { params: { path: { provinceCode, year } } })),
  });
  const plan = query.data;
  const rate = plan?.amount ? (plan.revenue * 100) / plan.amount : null;
  return (
    <Card
      size="small"
      className="gap"
      data-testid="consulting-plan"
      title={<span style={{ whiteSpace: 'normal' }}>{t('cs.plan.title', { year, province: provinceName })}</span>}
      extra={
        plan ? (
          <Button onClick={() => setEditing(true)} data-testid="consulting-plan-set">
            {t('cs.plan.set')}
          </Button>
        ) : null
      }
    >
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {plan ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('cs.plan.amount')}>
            <span data-testid="consulting-plan-amount">{plan.amount === null ? t('cs.plan.none') : formatVnd(plan.amount, locale)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cs.plan.revenue')}>
            <span data-testid="consulting-plan-revenue">{formatVnd(plan.revenue, locale)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cs.plan.engagements')}>{plan.engagements}</Descriptions.Item>
          <Descriptions.Item label={t('cs.plan.rate')}>
            {rate === null ? (
              '—'
            ) : (
              <Progress
                percent={Math.min(100, Math.round(rate))}
                format={() => formatPercent(rate, locale)}
                size="small"
                style={{ minWidth: 140 }}
                aria-label={t('cs.plan.rate')}
              />
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {editing && plan ? <SetPlanDialog plan={plan} provinceName={provinceName} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}
