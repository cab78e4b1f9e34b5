import { Alert, App, Button, Col, DatePicker, Form, InputNumber, Row } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../components/Feedback.js';
import { usePlansI18n } from '../../i18n/plansConsultingPages.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions, formatVnd } from '../../lib/format.js';
import { amountRules, formatPeriod, vndInput } from '../plans/money.js';
import type { Engagement } from './types.js';

interface Values {
  period: Dayjs | null;
  amount: number;
}

/**
 * Records one month's revenue. A month recorded already is replaced (never added to): the form says so as soon as
 * that month is chosen, and asks before replacing. The rules of the API (not before the month of signing, not above
 * the contract value) are checked inline first.
 */
export function RevenueForm({ engagement }: { engagement: Engagement }) {
  const { t, locale } = usePlansI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('period', form);
  const amount = Form.useWatch('amount', form);
  const signedMonth = dayjs(engagement.signedOn).startOf('month');
  const period = chosen ? chosen.format('YYYY-MM') : null;
  const existing = period ? engagement.revenues.find((revenue) => revenue.period === period) : undefined;
  const others = (of: string | null) => engagement.revenues.filter((revenue) => revenue.period !== of).reduce((sum, revenue) => sum + revenue.amount, 0);
  const record = useMutation({
    mutationFn: async (body: { period: string; amount: number }) =>
      unwrap(await api.POST('/api/consulting/engagements/{id}/revenues', { params: { path: { id: engagement.id } }, body })),
    onSuccess: async (saved, body) => {
      const before = engagement.revenues.find((revenue) => revenue.period === body.period);
      const month = formatPeriod(body.period);
      void message.success(
        before
          ? t('cs.revenue.replaced', { month, from: formatVnd(before.amount, locale), to: formatVnd(body.amount, locale) })
          : t('cs.revenue.recorded', { month, amount: formatVnd(body.amount, locale) }),
      );
      client.setQueryData(['engagement', engagement.id], saved);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['engagements'] });
      await client.invalidateQueries({ queryKey: ['consulting-plan', engagement.provinceCode] });
    },
  });
  const submit = (values: Values) => {
    const body = { period: values.period!.format('YYYY-MM'), amount: values.amount };
    const before = engagement.revenues.find((revenue) => revenue.period === body.period);
    if (!before) return record.mutate(body);
    modal.confirm({
      title: t('cs.revenue.replace'),
      content: t('cs.revenue.confirmReplace', { month: formatPeriod(body.period), from: formatVnd(before.amount, locale), to: formatVnd(body.amount, locale) }),
      okText: t('cs.revenue.replace'),
      cancelText: t('common.cancel'),
      onOk: () => record.mutateAsync(body).catch(() => undefined),
    });
  };
  return (
    <Form<Values> form={form} layout="vertical" data-testid="revenue-form" onFinish={submit}>
      <Alert className="gap" type="info" title={t('cs.revenue.help')} />
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item
            name="period"
            label={t('cs.revenue.period')}
            rules={[
              { required: true, message: t('cs.revenue.rule.period') },
              {
                validator: (_, value: Dayjs | null | undefined) =>
                  value && value.isBefore(signedMonth, 'month')
                    ? Promise.reject(new Error(t('cs.revenue.rule.beforeSigning', { month: signedMonth.format('MM/YYYY') })))
                    : Promise.resolve(),
              },
            ]}
          >
            <DatePicker picker="month" className="full" format="MM/YYYY" placeholder="mm/yyyy" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="amount"
            label={t('cs.revenue.amount')}
            dependencies={['period']}
            extra={typeof amount === 'number' && amount >= 0 ? t('pc.amountHint', { amount: formatBillions(amount, locale) }) : undefined}
            rules={[
              ...amountRules(t('pc.rule.amount')),
              ({ getFieldValue }) => ({
                validator: (_, value: unknown) => {
                  const at = (getFieldValue('period') as Dayjs | null | undefined)?.format('YYYY-MM') ?? null;
                  const max = engagement.contractValue - others(at);
                  return typeof value === 'number' && value > max
                    ? Promise.reject(new Error(t('cs.revenue.rule.aboveContract', { max: formatVnd(Math.max(0, max), locale) })))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber<number> {...vndInput} suffix="đ" />
          </Form.Item>
        </Col>
      </Row>
      {existing && period ? (
        <Alert
          className="gap"
          type="warning"
          showIcon
          data-testid="revenue-replace-warning"
          title={t('cs.revenue.replaceWarning', { month: formatPeriod(period), amount: formatVnd(existing.amount, locale) })}
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="revenue-submit">
        {existing ? t('cs.revenue.replace') : t('cs.revenue.record')}
      </Button>
      {record.isError ? (
        <div className="gap-top">
          <ErrorAlert error={record.error} />
        </div>
      ) : null}
    </Form>
  );
}
