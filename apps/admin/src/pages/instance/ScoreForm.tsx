import { App, Button, Card, Descriptions, Form, Input, InputNumber, Typography } from 'antd';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCommand, type InstanceView } from '../../lib/commands.js';
import { formatDate } from '../../lib/format.js';

type ScoreValues = Record<string, number | string | null | undefined> & { comment?: string };

/** The judge's own sheet as the instance view returns it. */
interface OwnSheet {
  points: Record<string, number>;
  totalHundredths: number;
  comment: string;
  submittedAt: string;
}

const number = (value: number, locale: 'vi' | 'en') => value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });

/** The judge's sheet once sent: shown with its points, never offered again. */
export function SentSheet({ instance, sheet }: { instance: InstanceView; sheet: OwnSheet }) {
  const { t, locale } = useI18n();
  const criteria = instance.criteria;
  const time = new Date(sheet.submittedAt).toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <Card title={t('score.title')} data-testid="score-sent">
      <Typography.Paragraph strong>{t('applying.sheetSent', { date: formatDate(sheet.submittedAt, locale), time })}</Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        {criteria.map((criterion) => (
          <Descriptions.Item key={criterion.code} label={`${criterion.name[locale]} (${t('score.max', { max: criterion.max })})`}>
            {sheet.points[criterion.code] === undefined ? '—' : number(sheet.points[criterion.code] ?? 0, locale)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('scores.total')}>
          <span data-testid="sent-total">{number(sheet.totalHundredths / 100, locale)}</span>
        </Descriptions.Item>
        {sheet.comment ? <Descriptions.Item label={t('scores.comment')}>{sheet.comment}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

/**
 * The judge's sheet: one number per criteria group. A value outside 0…maximum is shown as an error under its field
 * (the number typed stays as typed: never silently changed), and the sheet is not sent until every field is valid.
 */
export function ScoreForm({ instance }: { instance: InstanceView }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScoreValues>();
  const command = useCommand();
  const criteria = instance.criteria;
  const values = Form.useWatch([], form) as ScoreValues | undefined;
  const total = criteria.reduce((sum, criterion) => sum + (typeof values?.[criterion.code] === 'number' ? (values[criterion.code] as number) : 0), 0);
  const maxTotal = criteria.reduce((sum, criterion) => sum + criterion.max, 0);

  // mutateAsync: the form unmounts as soon as the sheet is in (the sent sheet replaces it), so a per-call onSuccess would
  // never run; the awaited promise does.
  const submit = (filled: ScoreValues) =>
    void command
      .mutateAsync({
        instanceId: instance.instanceId,
        type: 'score',
        version: instance.version,
        payload: { points: Object.fromEntries(criteria.map((criterion) => [criterion.code, filled[criterion.code]])), comment: filled.comment?.trim() ?? '' },
      })
      .then(() => message.success(t('score.sent')))
      .catch(() => undefined); // shown by the ErrorAlert below

  return (
    <Card title={t('score.title')} data-testid="score-form">
      <Typography.Paragraph type="secondary">{t('score.intro')}</Typography.Paragraph>
      <Form<ScoreValues> form={form} layout="vertical" onFinish={submit}>
        {criteria.map((criterion) => (
          <Form.Item
            key={criterion.code}
            name={criterion.code}
            label={`${criterion.name[locale]} (${t('score.max', { max: criterion.max })})`}
            extra={t('applying.scoreRange', { max: criterion.max })}
            rules={[
              { required: true, message: t('instance.fieldRequired') },
              { type: 'number', min: 0, max: criterion.max, message: t('score.overMax', { max: criterion.max }) },
            ]}
          >
            <InputNumber<number> step={0.5} className="full" data-testid={`score-${criterion.code}`} decimalSeparator={locale === 'vi' ? ',' : '.'} />
          </Form.Item>
        ))}
        <Form.Item name="comment" label={t('scores.comment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Typography.Paragraph strong data-testid="score-total">
          {t('score.total', { total: number(total, locale), max: maxTotal })}
        </Typography.Paragraph>
        {command.isError ? <ErrorAlert error={command.error} /> : null}
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          {t('score.submit')}
        </Button>
      </Form>
    </Card>
  );
}
