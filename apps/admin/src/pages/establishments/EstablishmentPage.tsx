import { Alert, App, Card, Descriptions, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { FLAG_LABEL, PRIORITY_FLAGS } from '../public/EstablishmentFields.js';
import { EntriesOf } from './EntriesOf.js';
import { areaOf } from './EstablishmentsPage.js';
import { OFFICER_ROLES, VERIFIER_ROLES, VerifiedTag, VerifyButton } from './shared.js';

/** One establishment: legal details, address by name, priority groups, verification, its entries. */
export default function EstablishmentPage() {
  const { t, label } = useI18n();
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery({
    queryKey: ['establishment', id],
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/establishments/{id}', { params: { path: { id } } })),
  });
  const establishment = query.data;
  const flags = establishment ? PRIORITY_FLAGS.filter((flag) => establishment.priorityFlags[flag]) : [];
  return (
    <App component={false}>
      {hasAnyRole(session?.user, OFFICER_ROLES) ? (
        <Typography.Paragraph>
          <Link to="/establishments">← {t('pub.est.back')}</Link>
        </Typography.Paragraph>
      ) : null}
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {establishment ? (
        <Card
          data-testid="establishment"
          data-verified={String(establishment.verified)}
          title={
            <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
              {establishment.name}
            </Typography.Title>
          }
          extra={<VerifiedTag establishment={establishment} />}
        >
          {!establishment.verified ? (
            hasAnyRole(session?.user, VERIFIER_ROLES) ? (
              <Space className="gap">
                <VerifyButton establishment={establishment} />
              </Space>
            ) : (
              <Alert className="gap" type="info" showIcon title={t('pub.est.waiting')} />
            )
          ) : null}
          <Descriptions column={1} bordered size="small" className="gap" title={t('pub.est.details')}>
            <Descriptions.Item label={t('pub.est.legalForm')}>{establishment.legalForm ? label('legalForm', establishment.legalForm) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pub.est.registrationNumber')}>{establishment.registrationNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pub.est.taxCodeLabel')}>{establishment.taxCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pub.est.address')}>{areaOf(establishment)}</Descriptions.Item>
            <Descriptions.Item label={t('pub.est.priority')}>
              {flags.length > 0 ? flags.map((flag) => t(FLAG_LABEL[flag])).join('; ') : t('pub.est.noFlags')}
            </Descriptions.Item>
            <Descriptions.Item label={t('pub.est.col.registeredAt')}>{formatDate(establishment.registeredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('pub.est.verifiedAt')}>{establishment.verifiedAt ? formatDate(establishment.verifiedAt) : '—'}</Descriptions.Item>
          </Descriptions>
          <EntriesOf establishmentId={establishment.id} />
        </Card>
      ) : null}
    </App>
  );
}
