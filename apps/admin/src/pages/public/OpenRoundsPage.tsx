import { Button, Card, Col, Descriptions, Form, Grid, Row, Select, Space, Steps, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { paths } from '@khuyencong/api-client';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { CreateEntryButton } from '../entries/CreateEntryButton.js';
import { daysBetween } from './dates.js';
import { currentProvinces, matchesName } from './units.js';
import { RoundContactLine } from '../../components/RoundContactLine.js';

type PublicRounds = paths['/api/public/rounds']['get']['responses'][200]['content']['application/json'];
type PublicRound = PublicRounds['items'][number];
type Level = NonNullable<NonNullable<paths['/api/public/rounds']['get']['parameters']['query']>['level']>;

const LEVELS = ['commune', 'province', 'region', 'national'] as const satisfies readonly Level[];

/** "How to apply", in the order an establishment goes through it. */
function HowToApply() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const steps = [
    ['pub.open.step.register', 'pub.open.step.registerText'],
    ['pub.open.step.verify', 'pub.open.step.verifyText'],
    ['pub.open.step.entry', 'pub.open.step.entryText'],
    ['pub.open.step.upload', 'pub.open.step.uploadText'],
    ['pub.open.step.submit', 'pub.open.step.submitText'],
  ] as const;
  return (
    <Card title={t('pub.open.howTo')} className="gap" data-testid="how-to-apply" size="small">
      <Steps
        orientation={screens.lg ? 'horizontal' : 'vertical'}
        titlePlacement={screens.lg ? 'vertical' : 'horizontal'}
        current={-1}
        size="small"
        items={steps.map(([title, text]) => ({ title: t(title), content: t(text), status: 'wait' as const }))}
      />
    </Card>
  );
}

/** When the round takes entries, and how many days remain. */
function RegistrationDates({ round }: { round: PublicRound }) {
  const { t } = useI18n();
  const now = new Date();
  const toOpen = daysBetween(now, round.registrationOpensAt);
  const left = daysBetween(now, round.registrationClosesAt);
  const countdown =
    toOpen > 0 ? (
      <Tag color="blue">{t('pub.open.opensIn', { days: toOpen })}</Tag>
    ) : left <= 0 ? (
      <Tag color="red">{t('pub.open.lastDay')}</Tag>
    ) : (
      <Tag color={left <= 7 ? 'orange' : 'green'}>{t('pub.open.daysLeft', { days: left })}</Tag>
    );
  return (
    <span data-testid="round-dates">
      {t('pub.open.dates', { from: formatDate(round.registrationOpensAt), to: formatDate(round.registrationClosesAt) })} {countdown}
    </span>
  );
}

/** One round: area, dates, rules and the way in. */
function RoundCard({ round }: { round: PublicRound }) {
  const { t, label } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const applicant = hasAnyRole(session?.user, ['applicant']);
  const total = round.criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0);
  return (
    <Card
      data-testid={`open-round-${round.id}`}
      className="gap"
      title={<span style={{ whiteSpace: 'normal' }}>{round.name}</span>}
      extra={<Tag color="gold">{label('level', round.level)}</Tag>}
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" className="gap">
        <Descriptions.Item label={t('pub.open.area')}>
          <span data-testid="round-area">{round.scopeName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('pub.open.registration')}>
          <RegistrationDates round={round} />
        </Descriptions.Item>
        <Descriptions.Item label={t('pub.open.passThreshold')}>{t('pub.open.passValue', { points: round.passThreshold })}</Descriptions.Item>
        <Descriptions.Item label={t('pub.open.screening')}>{t('pub.open.screeningValue', { days: round.screeningWorkingDays })}</Descriptions.Item>
      </Descriptions>
      <div className="gap" data-testid="round-contact">
        <RoundContactLine round={round} />
      </div>
      {round.criteria.length > 0 ? (
        <div className="kc-table-wrap gap">
          <table className="kc-table" data-testid="round-criteria">
            <caption style={{ textAlign: 'left', fontWeight: 600, padding: '4px 0' }}>{t('pub.open.rules')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pub.open.criterion')}</th>
                <th scope="col" style={{ textAlign: 'right' }}>
                  {t('pub.open.maxPoints')}
                </th>
              </tr>
            </thead>
            <tbody>
              {round.criteria.map((criterion) => (
                <tr key={criterion.code}>
                  <td>{criterion.name}</td>
                  <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('pub.open.points', { points: criterion.maxPoints })}</td>
                </tr>
              ))}
              <tr className="total-row">
                <td>{t('pub.open.total')}</td>
                <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('pub.open.points', { points: total })}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {session ? (
        applicant ? (
          <CreateEntryButton roundId={round.id} roundName={round.name} />
        ) : null
      ) : (
        <Space wrap>
          <Button type="primary" onClick={() => void navigate('/login', { state: { from: '/open-rounds' } })}>
            {t('pub.open.signIn')}
          </Button>
          <Button onClick={() => void navigate('/register')}>{t('pub.open.registerFirst')}</Button>
        </Space>
      )}
    </Card>
  );
}

/** Các đợt bình chọn đang nhận hồ sơ: public, filtered by level and province (kept in the address). */
export default function OpenRoundsPage() {
  const { t, label, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const levelParam = params.get('level');
  const level = LEVELS.find((code) => code === levelParam);
  const provinceCode = params.get('province') ?? undefined;
  const query = useQuery({
    queryKey: ['public-rounds', level, provinceCode],
    queryFn: async () =>
      unwrap(await api.GET('/api/public/rounds', { params: { query: { ...(level ? { level } : {}), ...(provinceCode ? { provinceCode } : {}) } } })),
  });
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pub.open.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('pub.open.intro')}</Typography.Paragraph>
      {/* Wide screens explain the way in first; phones show the rounds first and the steps after them. */}
      {screens.lg ? <HowToApply /> : null}
      <Form layout="vertical" className="gap" data-testid="open-rounds-filters">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('pub.open.filter.level')} htmlFor="open-level" style={{ marginBottom: 8 }}>
              <Select
                id="open-level"
                allowClear
                placeholder={t('pub.open.filter.all')}
                value={level}
                onChange={(value: string | undefined) => setFilter('level', value)}
                options={LEVELS.map((code) => ({ value: code, label: label('level', code) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('pub.open.filter.province')} htmlFor="open-province" style={{ marginBottom: 8 }}>
              <Select
                id="open-province"
                allowClear
                showSearch={{ filterOption: matchesName }}
                placeholder={t('pub.open.filter.all')}
                value={provinceCode}
                onChange={(value: string | undefined) => setFilter('province', value)}
                options={currentProvinces(locale)}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        query.data.items.length === 0 ? (
          <EmptyState why={t('pub.open.empty')} />
        ) : (
          <div data-testid="open-rounds">
            {query.data.items.map((round) => (
              <RoundCard key={round.id} round={round} />
            ))}
          </div>
        )
      ) : null}
      {screens.lg ? null : <HowToApply />}
    </div>
  );
}
