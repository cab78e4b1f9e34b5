import { Alert, App, Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useSchemesI18n } from '../../i18n/schemesScreens.js';
import type { SchemesKey } from '../../i18n/schemesScreens.js';
import { formatBillions, formatDate, formatVnd } from '../../lib/format.js';
import { Timeline } from '../instance/Timeline.js';
import { useInstance } from '../instance/queries.js';
import { useScheme } from './queries.js';
import { SchemeActions } from './SchemeActions.js';
import { SchemeDocuments } from './SchemeDocuments.js';
import type { Scheme } from './types.js';

type BudgetLine = Scheme['budgetLines'][number];

/** Warnings of a budget line against its support rule, as the API matched it. */
function warningsOf(line: BudgetLine, t: (key: 'scheme.ruleMissing' | 'scheme.overEligible') => string): string[] {
  const warnings: string[] = [];
  if (!line.ruleCode) warnings.push(t('scheme.ruleMissing'));
  if (line.supportAmount > line.eligibleCost) warnings.push(t('scheme.overEligible'));
  return warnings;
}

/** A scheme: its stage and actions, budget lines with rule warnings, beneficiaries and disbursements. */
function SchemeView() {
  const { t, label, locale } = useSchemesI18n();
  const { id = '' } = useParams();
  const query = useScheme(id);
  if (query.isLoading) return <Loading />;
  // A failed refresh keeps the scheme on screen with the error above it; only a scheme never loaded is replaced.
  if (!query.data) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const scheme = query.data;
  const warnings = scheme.budgetLines.flatMap((line) => warningsOf(line, t));
  return (
    <Space direction="vertical" size="large" className="full">
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Card
        title={
          <Typography.Title level={3}>
            {scheme.code} — {scheme.title}
          </Typography.Title>
        }
        extra={
          <Tag color="blue" data-testid="scheme-stage" data-stage={scheme.stage}>
            {label('stage', scheme.stage)}
          </Tag>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('schemes.col.unit')}>{scheme.implementingUnit}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.location')}>{scheme.location}</Descriptions.Item>
          <Descriptions.Item label={t('schemes.source')}>{label('fundingSource', scheme.fundingSource)}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.contentGroup')}>
            {label('contentGroup', scheme.contentGroupCode)} · {label('subActivity', scheme.subActivity)}
          </Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.requested')}>{formatBillions(scheme.requestedAmount, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.allocated')}>
            <span data-testid="allocated">{scheme.allocatedAmount === null ? '—' : formatBillions(scheme.allocatedAmount, locale)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('schemes.col.disbursed')}>{formatBillions(scheme.disbursedAmount, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.contract')}>{scheme.contractNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('scheme.endsOn')}>
            <span data-testid="ends-on">{scheme.endsOn ? formatDate(scheme.endsOn, locale) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('scheme.progress')}>
            <Progress percent={scheme.progressPercent} size="small" style={{ width: 200 }} aria-label={t('scheme.progress')} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {scheme.instanceId ? (
        <SchemeActions scheme={scheme} instanceId={scheme.instanceId} />
      ) : (
        <Alert type="info" showIcon data-testid="no-workflow" title={t('schemeAct.noWorkflow')} />
      )}
      <SchemeDocuments scheme={scheme} />
      <Card title={t('scheme.budget')} data-testid="budget">
        {warnings.length > 0 ? <Alert className="gap" type="warning" showIcon title={[...new Set(warnings)].join(' ')} data-testid="rule-warnings" /> : null}
        <SimpleTable<BudgetLine>
          rows={scheme.budgetLines}
          rowKey={(row) => String(row.position)}
          empty={null}
          columns={[
            { key: 'activity', title: t('scheme.col.activity'), render: (row) => label('subActivity', row.activityCode) },
            { key: 'description', title: t('scheme.col.description'), render: (row) => row.description },
            { key: 'eligible', title: t('scheme.col.eligible'), render: (row) => formatVnd(row.eligibleCost, locale) },
            { key: 'support', title: t('scheme.col.support'), render: (row) => formatVnd(row.supportAmount, locale) },
            { key: 'rule', title: t('scheme.col.rule'), render: (row) => row.ruleCode ?? '—' },
            {
              key: 'warning',
              title: t('scheme.col.warning'),
              render: (row) =>
                warningsOf(row, t).map((warning) => (
                  <Tag key={warning} color="orange">
                    {warning}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
      {scheme.beneficiaries.length > 0 ? (
        <Card title={t('scheme.beneficiaries')}>
          <SimpleTable<Scheme['beneficiaries'][number]>
            rows={scheme.beneficiaries}
            rowKey={(row) => row.name}
            empty={null}
            columns={[
              { key: 'name', title: t('verify.establishment'), render: (row) => row.name },
              { key: 'support', title: t('scheme.col.support'), render: (row) => formatVnd(row.supportAmount, locale) },
              { key: 'co', title: 'Đối ứng / co-funding', render: (row) => formatVnd(row.coFundingAmount, locale) },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t('scheme.disbursements')}>
        <SimpleTable<Scheme['disbursements'][number]>
          testId="disbursements"
          rows={scheme.disbursements}
          rowKey={(row) => `${row.paidOn}-${row.kind}-${row.amount}`}
          empty={<EmptyState why={t('scheme.noDisbursements')} />}
          columns={[
            { key: 'kind', title: t('scheme.col.kind'), render: (row) => label('disbursementKind', row.kind) },
            { key: 'amount', title: t('scheme.col.amount'), render: (row) => formatVnd(row.amount, locale) },
            { key: 'paidOn', title: t('scheme.col.paidOn'), render: (row) => formatDate(row.paidOn) },
          ]}
        />
      </Card>
      <SchemeRecords scheme={scheme} />
      {scheme.instanceId ? <Council instanceId={scheme.instanceId} /> : null}
      {scheme.instanceId ? <Timeline instanceId={scheme.instanceId} /> : null}
    </Space>
  );
}

/** The scheme's changes, acceptances and settlement, as recorded. */
function SchemeRecords({ scheme }: { scheme: Scheme }) {
  const { t, label, locale } = useSchemesI18n();
  return (
    <>
      {scheme.changes.length > 0 ? (
        <Card title={t('scheme.changes')}>
          <SimpleTable<Scheme['changes'][number]>
            testId="changes"
            rows={scheme.changes}
            rowKey={(row) => row.id}
            empty={null}
            columns={[
              { key: 'kind', title: t('scheme.col.kind'), render: (row) => label('changeKind', row.kind) },
              { key: 'reason', title: t('scheme.col.reason'), render: (row) => row.reason },
              {
                key: 'amount',
                title: t('scheme.col.newAmount'),
                render: (row) => (row.newAllocatedAmount === null ? '—' : formatVnd(row.newAllocatedAmount, locale)),
              },
              { key: 'endsOn', title: t('scheme.col.newEndsOn'), render: (row) => (row.newEndsOn === null ? '—' : formatDate(row.newEndsOn, locale)) },
              { key: 'status', title: t('scheme.col.status'), render: (row) => t(`scheme.change.${row.status}` as SchemesKey) },
            ]}
          />
        </Card>
      ) : null}
      {scheme.acceptances.length > 0 ? (
        <Card title={t('scheme.acceptances')}>
          <SimpleTable<Scheme['acceptances'][number]>
            testId="acceptances"
            rows={scheme.acceptances}
            rowKey={(row) => String(row.attempt)}
            empty={null}
            columns={[
              { key: 'attempt', title: '#', render: (row) => row.attempt },
              { key: 'outcome', title: t('scheme.col.outcome'), render: (row) => t(`scheme.acceptance.${row.outcome}` as SchemesKey) },
              { key: 'conditions', title: t('scheme.col.conditions'), render: (row) => row.conditions ?? '—' },
            ]}
          />
        </Card>
      ) : null}
      {scheme.settlement ? (
        <Card title={t('scheme.settlement')} data-testid="settlement">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('schemeAct.settledAmount')}>{formatVnd(scheme.settlement.settledAmount, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('schemeAct.settledOn')}>{formatDate(scheme.settlement.settledOn, locale)}</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </>
  );
}

/** The acceptance council by name, and who has voted (the votes themselves stay with the record). */
function Council({ instanceId }: { instanceId: string }) {
  const { t } = useSchemesI18n();
  const instance = useInstance(instanceId);
  const council = (instance.data?.council ?? null) as { members?: string[]; chair?: string | null; votes?: Record<string, unknown> } | null;
  if (!instance.data || !council?.members?.length) return null;
  const people = instance.data.people;
  return (
    <Card title={t('scheme.council')} data-testid="council">
      <Space direction="vertical">
        {council.members.map((member) => (
          <span key={member}>
            {people[member]?.displayName ?? '—'}
            {member === council.chair ? ` · ${t('schemeAct.chair')}` : ''} — {council.votes?.[member] ? t('scheme.voted') : t('scheme.notVoted')}
          </span>
        ))}
      </Space>
    </Card>
  );
}

/** The scheme page inside antd's App, so that the actions can show their messages. */
export default function SchemePage() {
  return (
    <App component={false}>
      <SchemeView />
    </App>
  );
}
