import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from '../layout/LanguageSwitch.js';
import { signIn } from '../lib/auth.js';
import { ApiError, userMessage } from '../lib/errors.js';
import { HealthPanel } from './HealthPage.js';

// The API's login body accepts at most 254 characters in this shape (zod's e-mail rule); checked here without
// shipping zod to the login page, which must stay small.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const validEmail = (value: string) => value.length <= 254 && EMAIL.test(value);

interface LoginForm {
  email: string;
  password: string;
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = location.state as { from?: string; email?: string } | null;
  const from = state?.from ?? '/';

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.email.trim(), values.password);
      await navigate(from === '/login' ? '/' : from, { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? t('login.wrong') : userMessage(caught, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <header className="login-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="muted">{t('app.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <div className="login-body">
        <Card title={t('login.title')} className="login-card">
          <Form<LoginForm>
            layout="vertical"
            initialValues={{ email: state?.email ?? '' }}
            onFinish={(values) => void submit(values)}
            requiredMark={false}
            disabled={busy}
          >
            <Form.Item
              label={t('login.email')}
              name="email"
              rules={[
                { required: true, message: t('login.emailRequired') },
                {
                  validator: (_, value: string | undefined) =>
                    !value || validEmail(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('login.emailInvalid'))),
                },
              ]}
            >
              <Input autoComplete="username" autoFocus={!state?.email} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" autoFocus={Boolean(state?.email)} />
            </Form.Item>
            {error ? <Alert type="error" role="alert" showIcon title={error} className="gap" /> : null}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('login.submit')}
            </Button>
            <Typography.Paragraph type="secondary" className="gap-top">
              {t('login.hint')}
            </Typography.Paragraph>
          </Form>
          <Typography.Paragraph data-testid="login-register">
            {t('pub.login.noAccount')} <Link to="/register">{t('pub.nav.register')}</Link>
          </Typography.Paragraph>
          <nav aria-label={t('pub.nav.label')} data-testid="login-public-links">
            <Typography.Text type="secondary">{t('pub.login.public')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              <li>
                <Link to="/open-rounds">{t('nav.openRounds')}</Link>
              </li>
              <li>
                <Link to="/catalogue">{t('nav.catalogue')}</Link>
              </li>
              <li>
                <Link to="/verify">{t('nav.verify')}</Link>
              </li>
            </ul>
          </nav>
        </Card>
        <div className="login-health">
          <HealthPanel />
        </div>
      </div>
    </div>
  );
}
