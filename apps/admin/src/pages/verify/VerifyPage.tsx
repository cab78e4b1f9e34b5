import { Alert, Button, Card, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { LanguageSwitch } from '../../layout/LanguageSwitch.js';
import { api } from '../../lib/api.js';
import { ApiError, unwrap, userMessage } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import type { paths } from '@khuyencong/api-client';

type Verification = paths['/api/public/certificates/{number}']['get']['responses'][200]['content']['application/json'];

const STATUS_COLOUR = { valid: 'success', expired: 'warning', revoked: 'error' } as const;

/** Public page (no sign-in): the QR code of a certificate points here, `/verify/<number>`. */
export default function VerifyPage() {
  const { t, label, locale } = useI18n();
  const { number = '' } = useParams();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['verify', number],
    enabled: number !== '',
    retry: false,
    queryFn: async () => unwrap<Verification>(await api.GET('/api/public/certificates/{number}', { params: { path: { number } } })),
  });
  const error = query.error;
  return (
    <div className="login">
      <div className="login-header">
        <h1>{t('verify.title')}</h1>
        <LanguageSwitch />
      </div>
      <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
      <Form
        layout="inline"
        className="gap"
        initialValues={{ number }}
        key={number}
        onFinish={(values: { number: string }) => void navigate(`/verify/${encodeURIComponent(values.number.trim().toUpperCase())}`)}
      >
        <Form.Item name="number" label={t('verify.number')} rules={[{ required: true, whitespace: true, message: t('verify.numberRequired') }]}>
          <Input placeholder="KV-2022-0001" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('verify.submit')}
        </Button>
      </Form>
      {query.isLoading ? <Loading /> : null}
      {error ? (
        <Alert
          type={error instanceof ApiError && error.status === 404 ? 'warning' : 'error'}
          showIcon
          role="alert"
          data-testid="verify-error"
          title={
            error instanceof ApiError && error.status === 404
              ? t('verify.notFound', { number })
              : error instanceof ApiError && error.status === 429
                ? t('verify.tooMany')
                : userMessage(error, locale)
          }
        />
      ) : null}
      {query.data ? (
        <Card data-testid="verification" data-status={query.data.status}>
          <Alert
            className="gap"
            showIcon
            type={STATUS_COLOUR[query.data.status]}
            title={
              <span data-testid="verify-status">
                {query.data.number}: <Tag color={STATUS_COLOUR[query.data.status]}>{label('certStatus', query.data.status)}</Tag>
              </span>
            }
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('verify.product')}>{query.data.productName}</Descriptions.Item>
            <Descriptions.Item label={t('verify.establishment')}>{query.data.establishmentName}</Descriptions.Item>
            {query.data.province ? <Descriptions.Item label={t('verify.province')}>{query.data.province}</Descriptions.Item> : null}
            <Descriptions.Item label={t('verify.level')}>{label('level', query.data.level)}</Descriptions.Item>
            <Descriptions.Item label={t('verify.decision')}>{query.data.decisionNumber}</Descriptions.Item>
            <Descriptions.Item label={t('verify.issuedOn')}>{formatDate(query.data.issuedOn)}</Descriptions.Item>
            <Descriptions.Item label={t('verify.validUntil')}>{formatDate(query.data.validUntil)}</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </div>
  );
}
