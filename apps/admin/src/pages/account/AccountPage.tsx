import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Radio, Space, Typography } from 'antd';
import type { components } from '@khuyencong/api-client';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';

type Preferences = components['schemas']['MyPreferences'];

const QUERY_KEY = ['me', 'preferences'];

/**
 * The signed-in person's own settings: how notification e-mails reach them (issue 19). Immediate sends the first
 * e-mail at once and combines what follows within a minute; daily sends one digest at 7:00. Saved on the button,
 * not on each click, so a person trying the options out sends nothing until they decide.
 */
export default function AccountPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Preferences>();
  const preferences = useQuery({ queryKey: QUERY_KEY, queryFn: async () => unwrap(await api.GET('/api/me/preferences')) });
  useEffect(() => {
    if (preferences.data) form.setFieldsValue(preferences.data);
  }, [preferences.data, form]);
  const save = useMutation({
    mutationFn: async (body: Preferences) => unwrap(await api.PUT('/api/me/preferences', { body: { emailDelivery: body.emailDelivery } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(QUERY_KEY, saved);
      void message.success(t('account.saved'));
    },
  });
  const option = (value: Preferences['emailDelivery'], title: string, hint: string) => (
    <Radio value={value}>
      <span className="account-option">
        <span>{title}</span>
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </span>
    </Radio>
  );
  return (
    <section aria-labelledby="account-title" className="account-page">
      <h2 id="account-title">{t('account.title')}</h2>
      <Card title={t('account.email.title')}>
        <Typography.Paragraph>{t('account.email.intro', { email: session?.user.email ?? '' })}</Typography.Paragraph>
        {preferences.isPending ? <Loading /> : null}
        {preferences.isError ? <ErrorAlert error={preferences.error} onRetry={() => void preferences.refetch()} /> : null}
        {preferences.data ? (
          <Form<Preferences> form={form} name="email-delivery" layout="vertical" initialValues={preferences.data} onFinish={(values) => save.mutate(values)}>
            <Form.Item name="emailDelivery" label={t('account.email.label')}>
              <Radio.Group>
                <Space orientation="vertical" size="middle">
                  {option('immediate', t('account.email.immediate'), t('account.email.immediateHint'))}
                  {option('daily', t('account.email.daily'), t('account.email.dailyHint'))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('account.save')}
            </Button>
          </Form>
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} /> : null}
      </Card>
    </section>
  );
}
