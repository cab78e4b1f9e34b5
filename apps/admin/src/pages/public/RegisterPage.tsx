import { useState } from 'react';
import { Button, Card, Col, Divider, Form, Input, Result, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { ApiError, unwrap } from '../../lib/errors.js';
import { EstablishmentFields, establishmentBody, type EstablishmentValues } from './EstablishmentFields.js';

// The same e-mail shape the login form accepts (the API's zod e-mail rule), at most 254 characters.
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const PHONE = /^(\+84|0)\d{9,10}$/;
/** The API's password rule: 10–200 characters with at least one letter and one digit. */
const validPassword = (value: string) => value.length >= 10 && value.length <= 200 && /[A-Za-zÀ-ỹ]/.test(value) && /\d/.test(value);

interface RegisterValues {
  account: { displayName: string; email: string; phone?: string; password: string; passwordAgain: string };
  establishment: EstablishmentValues;
}

interface Registered {
  email: string;
  name: string;
}

/** Đăng ký cơ sở: a visitor creates the establishment's account and the establishment (unverified) in one form. */
export default function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<Registered | null>(null);

  const submit = async (values: RegisterValues) => {
    setBusy(true);
    setFailure(null);
    try {
      const phone = values.account.phone?.replace(/[\s.]/g, '');
      const answer = unwrap(
        await api.POST('/api/public/registrations', {
          body: {
            account: {
              email: values.account.email.trim(),
              password: values.account.password,
              displayName: values.account.displayName.trim(),
              ...(phone ? { phone } : {}),
            },
            establishment: establishmentBody(values.establishment),
          },
        }),
      );
      setDone({ email: answer.email, name: answer.establishment.name });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') {
        form.setFields([{ name: ['account', 'email'], errors: [t('pub.reg.emailTaken')] }]);
        void form.scrollToField(['account', 'email']);
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Card data-testid="register-done">
        <Result
          status="success"
          title={t('pub.reg.done', { name: done.name })}
          subTitle={t('pub.reg.doneText', { email: done.email })}
          extra={
            <Button type="primary" onClick={() => void navigate('/login', { state: { email: done.email } })}>
              {t('pub.reg.signIn')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('pub.reg.title')}
        </Typography.Title>
      }
      style={{ maxWidth: 960, margin: '0 auto' }}
    >
      <Typography.Paragraph>{t('pub.reg.intro')}</Typography.Paragraph>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        disabled={busy}
        data-testid="register-form"
        scrollToFirstError
      >
        <Divider titlePlacement="start">{t('pub.reg.account')}</Divider>
        <Form.Item
          label={t('pub.reg.displayName')}
          name={['account', 'displayName']}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('pub.reg.displayNameRule') }]}
        >
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('pub.reg.email')}
              name={['account', 'email']}
              rules={[
                { required: true, message: t('pub.reg.emailRule') },
                {
                  validator: (_, value: string | undefined) =>
                    !value || (value.trim().length <= 254 && EMAIL.test(value.trim())) ? Promise.resolve() : Promise.reject(new Error(t('pub.reg.emailRule'))),
                },
              ]}
            >
              <Input autoComplete="email" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('pub.reg.phone')}
              name={['account', 'phone']}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || PHONE.test(value.replace(/[\s.]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('pub.reg.phoneRule'))),
                },
              ]}
            >
              <Input autoComplete="tel" inputMode="tel" placeholder="0912345678" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('pub.reg.password')}
              name={['account', 'password']}
              extra={t('pub.reg.passwordHelp')}
              rules={[
                { required: true, message: t('pub.reg.passwordRule') },
                {
                  validator: (_, value: string | undefined) =>
                    !value || validPassword(value) ? Promise.resolve() : Promise.reject(new Error(t('pub.reg.passwordRule'))),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('pub.reg.passwordAgain')}
              name={['account', 'passwordAgain']}
              dependencies={[['account', 'password']]}
              rules={[
                { required: true, message: t('pub.reg.passwordMismatch') },
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) =>
                    !value || value === getFieldValue(['account', 'password']) ? Promise.resolve() : Promise.reject(new Error(t('pub.reg.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('pub.reg.establishment')}</Divider>
        <EstablishmentFields form={form} prefix={['establishment']} />
        {failure ? (
          <div className="gap">
            <ErrorAlert error={failure} />
          </div>
        ) : null}
        <Button type="primary" htmlType="submit" loading={busy} size="large">
          {t('pub.reg.submit')}
        </Button>
      </Form>
    </Card>
  );
}
