import { Alert, App, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { DeadlineTag } from '../../components/DeadlineTag.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { communeLabel, type LabelKind } from '../../i18n/labels/index.js';
import { formatDate, formatPercent, formatVnd } from '../../lib/format.js';
import { ActionsPanel } from './ActionsPanel.js';
import { useInstance } from './queries.js';
import { ScoresCard } from './ScoresCard.js';
import { Timeline } from './Timeline.js';

/** Attribute values in Vietnamese formats: amounts (…Amount) in VND, percentages, dates. */
function formatAttribute(name: string, value: unknown, locale: 'vi' | 'en'): string {
  if (typeof value === 'number' && /amount$/i.test(name)) return formatVnd(value, locale);
  if (typeof value === 'number' && /percent$/i.test(name)) return formatPercent(value, locale);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return formatDate(value, locale);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : value === null || value === undefined ? '—' : JSON.stringify(value);
}

/** Attributes whose values are codes, and the kind of label they take. */
const CODED_ATTRIBUTES: Partial<Record<string, LabelKind>> = {
  productGroup: 'productGroup',
  lowerCertificateLevel: 'level',
  fundingSource: 'fundingSource',
  changeKind: 'changeKind',
};

/** One dossier (entry or scheme): where it stands, its deadline, what happened, and what the user may do. */
export default function InstancePage() {
  const { id = '' } = useParams();
  const { t, label, locale } = useI18n();
  const instance = useInstance(id);
  if (instance.isPending) return <Loading />;
  if (instance.isError) return <ErrorAlert error={instance.error} onRetry={() => void instance.refetch()} />;
  const view = instance.data;
  const isEntry = view.definitionCode === 'product-selection';
  const certificate = view.certificate as { number?: string; validUntil?: string; decisionNumber?: string } | null;
  // App gives the actions their message toasts; it lives here so the login page does not load it.
  return (
    <App component={false}>
    <Space direction="vertical" size="large" className="full">
      <Typography.Title level={2}>
        {isEntry ? t('instance.title.entry') : t('instance.title.scheme')}{' '}
        <Typography.Text type="secondary">#{view.instanceId.slice(0, 8)}</Typography.Text>
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="large" className="full">
            <Card>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('instance.stage')}>
                  <Tag color={view.status === 'active' ? 'blue' : 'default'} data-testid="instance-stage" data-stage={view.stage}>
                    {label('stage', view.stage)}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('instance.status')}>
                  {label('instanceStatus', view.status)}
                  {view.outcome ? ` · ${label('outcome', view.outcome)}` : ''}
                </Descriptions.Item>
                {view.sla ? (
                  <Descriptions.Item label={t('instance.due')}>
                    {formatDate(view.sla.dueAt, locale)} <DeadlineTag state={view.sla.state} />
                    {view.sla.pausedAt ? <div>{t('instance.paused', { date: formatDate(view.sla.pausedAt, locale) })}</div> : null}
                  </Descriptions.Item>
                ) : null}
                {view.round ? (
                  <Descriptions.Item label={t('instance.round')}>
                    {t('instance.roundValue', { level: typeof view.round.level === 'string' ? label('level', view.round.level) : '', year: typeof view.round.year === 'number' ? view.round.year : '' })}
                  </Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('instance.province')}>{view.subject.provinceCode ? label('province', view.subject.provinceCode) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('instance.commune')}>{view.subject.communeCode ? communeLabel(view.subject.communeCode, locale) : '—'}</Descriptions.Item>
                {Object.entries(view.attributes).map(([name, value]) => (
                  <Descriptions.Item key={name} label={label('attribute', name)}>
                    {typeof value === 'string' && CODED_ATTRIBUTES[name] ? label(CODED_ATTRIBUTES[name], value) : formatAttribute(name, value, locale)}
                  </Descriptions.Item>
                ))}
              </Descriptions>
              {view.lastReason && (view.stage === 'revision' || view.status === 'terminal') ? <Alert className="gap-top" type="warning" showIcon title={`${t('instance.lastReason')}: ${view.lastReason}`} data-testid="last-reason" /> : null}
            </Card>
            {certificate?.number ? (
              <Card title={t('instance.certificate')} data-testid="certificate">
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('instance.certificateNumber')}>{certificate.number}</Descriptions.Item>
                  <Descriptions.Item label={t('instance.validUntil')}>{certificate.validUntil ? formatDate(certificate.validUntil, locale) : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('instance.decisionNumber')}>{certificate.decisionNumber ?? '—'}</Descriptions.Item>
                </Descriptions>
              </Card>
            ) : null}
            {isEntry ? <ScoresCard instance={view} /> : null}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="large" className="full">
            <ActionsPanel instance={view} />
            <Timeline instanceId={view.instanceId} />
          </Space>
        </Col>
      </Row>
    </Space>
    </App>
  );
}
