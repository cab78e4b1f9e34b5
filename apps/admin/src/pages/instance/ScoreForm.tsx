import { App, Button, Card, Form, Input, InputNumber, Typography } from 'antd';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCommand, type InstanceView } from '../../lib/commands.js';
import { criteriaOf } from '../../lib/definitions.js';

type ScoreValues = Record<string, number | string | undefined> & { comment?: string };

/** The judge's sheet: one number per criteria group, each bounded by its maximum as the engine enforces. */
export function ScoreForm({ instance }: { instance: InstanceView }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoreValues>();
  const command = useCommand();
  const criteria = criteriaOf(instance);
  const values = Form.useWatch([], form) as ScoreValues | undefined;
  const total = criteria.reduce((sum, criterion) => sum + (typeof values?.[criterion.code] === 'number' ? (values[criterion.code] as number) : 0), 0);
  const maxTotal = criteria.reduce((sum, criterion) => sum + criterion.max, 0);

  const submit = (form: ScoreValues) =>
    command.mutate(
      {
        instanceId: instance.instanceId,
        type: 'score',
        version: instance.version,
        payload: { points: Object.fromEntries(criteria.map((criterion) => [criterion.code, form[criterion.code]])), comment: form.comment?.trim() ?? '' },
      },
      { onSuccess: () => void message.success(t('score.sent')) },
    );

  return (
    <Card title={t('score.title')} data-testid="score-form">
      <Typography.Paragraph type="secondary">{t('score.intro')}</Typography.Paragraph>
      <Form<ScoreValues> form={form} layout="vertical" onFinish={submit}>
        {criteria.map((criterion) => (
          <Form.Item
            key={criterion.code}
            name={criterion.code}
            label={`${criterion.name[locale]} (${t('score.max', { max: criterion.max })})`}
            rules={[
              { required: true, message: t('instance.fieldRequired') },
              { type: 'number', min: 0, max: criterion.max, message: t('score.overMax', { max: criterion.max }) },
            ]}
          >
            <InputNumber<number> min={0} max={criterion.max} step={0.5} className="full" data-testid={`score-${criterion.code}`} decimalSeparator={locale === 'vi' ? ',' : '.'} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('scores.comment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Typography.Paragraph strong data-testid="score-total">
          {t('score.total', { total: total.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'), max: maxTotal })}
        </Typography.Paragraph>
        {command.isError ? <ErrorAlert error={command.error} /> : null}
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          {t('score.submit')}
        </Button>
      </Form>
    </Card>
  );
}
