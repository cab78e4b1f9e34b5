import { Alert, App, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useSession } from '../../lib/auth.js';
import { dossierOf, peopleOf, type InstanceView } from '../../lib/commands.js';
import { DeadlineTag } from '../../components/DeadlineTag.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { communeLabel, type LabelKind } from '../../i18n/labels/index.js';
import { formatDate, formatPercent, formatVnd } from '../../lib/format.js';
import { ActionsPanel } from './ActionsPanel.js';
import { DossierViewer } from './DossierViewer.js';
import { EstablishmentCard, ProductCard } from './EntryCards.js';
import { NextAnswerCard } from './NextAnswerCard.js';
import { useEntry, useInstance } from './queries.js';
import { ScoreForm, SentSheet } from './ScoreForm.js';
import { ScoresCard } from './ScoresCard.js';
import { VoteCard } from './VoteCard.js';
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

/** A vertical stack whose children may shrink below their content's width (nothing pushes the page wider on a phone). */
const STACK = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 24, minWidth: 0 } as const;

/** Stages in which the preparer may still change an entry. */
const EDITABLE_STAGES = new Set(['draft', 'revision']);

/** Judges and council members by name (the instance view's `people`), never by id. */
function Names({ ids, instance }: { ids: readonly string[]; instance: InstanceView }) {
  const { t } = useI18n();
  const people = peopleOf(instance);
  return <>{ids.map((id, index) => people[id]?.displayName ?? t('applying.personN', { n: index + 1 })).join(', ')}</>;
}

/** One dossier (entry or scheme): where it stands, its deadline, what happened, and what the user may do. */
export default function InstancePage() {
  const { id = '' } = useParams();
  const { t, label, locale } = useI18n();
  const session = useSession();
  const instance = useInstance(id);
  const isEntry = instance.data?.definitionCode === 'product-selection';
  const entry = useEntry(id, isEntry);
  if (instance.isPending) return <Loading />;
  if (instance.isError) return <ErrorAlert error={instance.error} onRetry={() => void instance.refetch()} />;
  const view = instance.data;
  const certificate = view.certificate;
  const grants = session?.user.grants ?? [];
  const actions = view.availableActions;
  const editableStage = view.status === 'active' && EDITABLE_STAGES.has(view.stage);
  // The preparer (the applicant, or the officer preparing a nomination) may change the dossier; the applicant the product.
  const mayPrepare = editableStage && actions.some((action) => action.name === 'submit' || action.name === 'resubmit');
  const isApplicant = entry.data ? grants.some((grant) => grant.role === 'applicant' && grant.scopeId === entry.data.establishmentId) : false;
  const jury = view.jury;
  const council = view.council;
  const ownSheet = jury?.ownSheet ?? null;
  const mayScore = actions.some((action) => action.name === 'score');
  const returned = view.lastReason && (view.stage === 'revision' || view.status === 'terminal') ? view.lastReason : null;
  // The commune by name when the entry's establishment still sits in the commune the entry was made in.
  const establishment = entry.data?.establishment;
  const communeName = establishment && establishment.communeCode === view.subject.communeCode ? establishment.communeName : null;
  const title = isEntry ? (entry.data?.productName ?? t('instance.title.entry')) : t('instance.title.scheme');
  // App gives the actions their message toasts; it lives here so the login page does not load it.
  return (
    <App component={false}>
      <div style={STACK}>
        <div>
          <Typography.Title level={2} style={{ marginBottom: 0, overflowWrap: 'anywhere' }} data-testid="instance-title">
            {title}
          </Typography.Title>
          {isEntry && entry.data ? (
            <Typography.Text type="secondary" data-testid="instance-subtitle">
              {t('instance.title.entry')} <span data-testid="entry-code">{entry.data.code}</span> · {entry.data.establishmentName}
            </Typography.Text>
          ) : null}
        </div>
        {isEntry && entry.isError ? <ErrorAlert error={entry.error} onRetry={() => void entry.refetch()} /> : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14} style={{ minWidth: 0 }}>
            <div style={STACK}>
              <Card styles={{ body: { overflowX: 'auto' } }}>
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
                      {t('instance.roundValue', {
                        level: typeof view.round.level === 'string' ? label('level', view.round.level) : '',
                        year: typeof view.round.year === 'number' ? view.round.year : '',
                      })}
                    </Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('instance.province')}>
                    {view.subject.provinceCode ? label('province', view.subject.provinceCode) : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('instance.commune')}>
                    {view.subject.communeCode ? (communeName ?? communeLabel(view.subject.communeCode, locale)) : '—'}
                  </Descriptions.Item>
                  {Object.entries(view.attributes)
                    .filter(([name]) => !(isEntry && name === 'productName'))
                    .map(([name, value]) => (
                      <Descriptions.Item key={name} label={label('attribute', name)}>
                        {typeof value === 'string' && CODED_ATTRIBUTES[name] ? label(CODED_ATTRIBUTES[name], value) : formatAttribute(name, value, locale)}
                      </Descriptions.Item>
                    ))}
                  {jury?.judges && jury.judges.length > 0 ? (
                    <Descriptions.Item label={t('scores.judge')}>
                      <span data-testid="judge-names">
                        <Names ids={jury.judges} instance={view} />
                      </span>
                    </Descriptions.Item>
                  ) : null}
                  {council?.members && council.members.length > 0 ? (
                    <Descriptions.Item label={t('applying.council')}>
                      <span data-testid="council-names">
                        <Names ids={council.members} instance={view} />
                      </span>
                      {council.chair ? (
                        <div>
                          {t('applying.chair')}: <Names ids={[council.chair]} instance={view} />
                        </div>
                      ) : null}
                    </Descriptions.Item>
                  ) : null}
                </Descriptions>
                {!isEntry && returned ? (
                  <Alert className="gap-top" type="warning" showIcon title={`${t('instance.lastReason')}: ${returned}`} data-testid="last-reason" />
                ) : null}
              </Card>
              {isEntry && entry.data ? <NextAnswerCard view={view} entry={entry.data} isApplicant={isApplicant} /> : null}
              {certificate?.number ? (
                <Card title={t('instance.certificate')} data-testid="certificate">
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('instance.certificateNumber')}>{certificate.number}</Descriptions.Item>
                    <Descriptions.Item label={t('instance.validUntil')}>
                      {certificate.validUntil ? formatDate(certificate.validUntil, locale) : '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('instance.decisionNumber')}>{certificate.decisionNumber ?? '—'}</Descriptions.Item>
                  </Descriptions>
                </Card>
              ) : null}
              {isEntry && entry.isPending ? <Loading /> : null}
              {isEntry && entry.data ? (
                <>
                  <ProductCard entry={entry.data} editable={editableStage && isApplicant} version={view.version} />
                  <DossierViewer entry={entry.data} editable={mayPrepare} reason={returned} />
                  <EstablishmentCard entry={entry.data} />
                </>
              ) : null}
            </div>
          </Col>
          <Col xs={24} lg={10} style={{ minWidth: 0 }}>
            <div style={STACK}>
              {isEntry && ownSheet ? <SentSheet instance={view} sheet={ownSheet} /> : null}
              {isEntry && !ownSheet && mayScore ? <ScoreForm instance={view} /> : null}
              {isEntry ? <ScoresCard instance={view} /> : null}
              <VoteCard instance={view} />
              <ActionsPanel instance={view} dossier={entry.data ? dossierOf(entry.data.dossier) : null} />
              <Timeline instanceId={view.instanceId} />
            </div>
          </Col>
        </Row>
      </div>
    </App>
  );
}
