import { useState } from 'react';
import { Alert, App, Button, Card, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import { Link } from 'react-router';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { ListPager, ListToolbar } from '../../components/ListToolbar.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useListsI18n } from '../../i18n/lists.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate } from '../../lib/format.js';
import { hasAnyRole } from '../../lib/roles.js';
import { useListParams, type ListState } from '../../lib/useListParams.js';
import { useCommunes } from '../public/units.js';
import { EntriesOf } from './EntriesOf.js';
import { OFFICER_ROLES, RegisterEstablishmentDrawer, useOfficerArea, VERIFIER_ROLES, VerifiedTag, VerifyButton, type Establishment } from './shared.js';

/** The establishment's area by name: commune, province. */
export function areaOf(establishment: Pick<Establishment, 'communeName' | 'provinceName'>): string {
  return [establishment.communeName, establishment.provinceName].filter(Boolean).join(', ') || '—';
}

const FILTERS = ['verified', 'commune'] as const;
type EstablishmentFilter = (typeof FILTERS)[number];
const SORTS = ['name', 'registeredAt', 'taxCode'] as const;
type EstablishmentQuery = NonNullable<paths['/api/establishments']['get']['parameters']['query']>;

/** The list's query from the URL: only values the API knows are sent. */
function establishmentQuery(list: ListState<EstablishmentFilter>): EstablishmentQuery {
  const { verified, commune } = list.filters;
  const sort = (SORTS as readonly string[]).includes(list.sort ?? '') ? (list.sort as (typeof SORTS)[number]) : undefined;
  return {
    ...list.query,
    sort,
    ...(verified === 'true' || verified === 'false' ? { verified } : {}),
    ...(commune && /^[a-z0-9-]{2,80}$/.test(commune) ? { communeCode: commune } : {}),
  };
}

/** An officer's list: search by name, tax code or registration number, verified/unverified, commune, sorted and paged; register and verify. */
function OfficerList() {
  const { t, label } = useListsI18n();
  const session = useSession();
  const verifier = hasAnyRole(session?.user, VERIFIER_ROLES);
  const area = useOfficerArea(session?.user);
  const communes = useCommunes();
  const list = useListParams(FILTERS);
  const [drawer, setDrawer] = useState(false);
  const params = establishmentQuery(list);
  const query = useQuery({
    queryKey: ['establishments', 'list', params],
    queryFn: async () => unwrap(await api.GET('/api/establishments', { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
  // The commune filter offers the communes of the officer's provinces (a commune officer has one commune: no filter).
  const communeOptions = area.communes ? [] : (area.provinces ?? []).flatMap((province) => communes.data?.get(province) ?? []);
  const actions = (row: Establishment) => (verifier && !row.verified ? <VerifyButton establishment={row} size="small" /> : null);
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, whiteSpace: 'normal' }}>
          {t('pub.est.title')}
        </Typography.Title>
      }
      extra={
        verifier ? (
          <Button type="primary" onClick={() => setDrawer(true)} data-testid="new-establishment-button">
            {t('pub.est.new')}
          </Button>
        ) : null
      }
    >
      <div data-testid="establishment-filters">
        <ListToolbar<EstablishmentFilter>
          list={list}
          testId="establishment"
          searchLabel={t('pub.est.q')}
          filters={[
            {
              name: 'verified',
              label: t('pub.est.filter.state'),
              options: [
                { value: 'false', label: t('pub.est.filter.unverified') },
                { value: 'true', label: t('pub.est.filter.verified') },
              ],
            },
            ...(communeOptions.length > 0
              ? [
                  {
                    name: 'commune' as const,
                    label: t('pub.est.filter.commune'),
                    options: communeOptions.map((option) => ({ value: option.value, label: option.label })),
                  },
                ]
              : []),
          ]}
          sorts={SORTS.map((value) => ({ value, label: t(`lists.sort.${value}`) }))}
        />
      </div>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <SimpleTable<Establishment>
            testId="establishments"
            rows={query.data.items}
            rowKey={(row) => row.id}
            rowAttributes={(row) => ({ 'data-testid': 'establishment-row', 'data-id': row.id })}
            empty={<EmptyState why={t('pub.est.empty')} />}
            columns={[
              {
                key: 'name',
                title: t('pub.est.col.name'),
                render: (row) => (
                  <Link to={`/establishments/${row.id}`} style={{ overflowWrap: 'anywhere' }}>
                    {row.name}
                  </Link>
                ),
              },
              { key: 'taxCode', title: t('lists.sort.taxCode'), render: (row) => row.taxCode ?? '—' },
              { key: 'legalForm', title: t('pub.est.col.legalForm'), render: (row) => (row.legalForm ? label('legalForm', row.legalForm) : '—') },
              { key: 'area', title: t('pub.est.col.area'), render: areaOf },
              { key: 'registeredAt', title: t('pub.est.col.registeredAt'), render: (row) => formatDate(row.registeredAt) },
              { key: 'state', title: t('pub.est.col.state'), render: (row) => <VerifiedTag establishment={row} /> },
              { key: 'actions', title: t('pub.est.col.actions'), render: actions },
            ]}
          />
          <ListPager list={list} total={query.data.total} totalCapped={query.data.totalCapped} testId="establishment" />
        </div>
      ) : null}
      {verifier ? <RegisterEstablishmentDrawer open={drawer} onClose={() => setDrawer(false)} /> : null}
    </Card>
  );
}

/** An applicant's own establishments, their verification and their entries. */
function ApplicantList() {
  const { t, label } = useListsI18n();
  const query = useQuery({
    queryKey: ['establishments', 'mine'],
    queryFn: async () => unwrap(await api.GET('/api/establishments', { params: { query: { limit: 100 } } })),
  });
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pub.est.mine')}
      </Typography.Title>
      {query.isLoading ? <Loading /> : null}
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data?.items.length === 0 ? <EmptyState why={t('pub.est.emptyMine')} /> : null}
      {query.data?.items.map((establishment) => (
        <Card
          key={establishment.id}
          className="gap"
          data-testid={`my-establishment-${establishment.id}`}
          title={
            <Link to={`/establishments/${establishment.id}`} style={{ whiteSpace: 'normal' }}>
              {establishment.name}
            </Link>
          }
          extra={<VerifiedTag establishment={establishment} />}
        >
          <Typography.Paragraph type="secondary">
            {establishment.legalForm ? `${label('legalForm', establishment.legalForm)} · ` : ''}
            {areaOf(establishment)}
          </Typography.Paragraph>
          {establishment.verified ? null : <Alert className="gap" type="info" showIcon title={t('pub.est.waiting')} />}
          <EntriesOf establishmentId={establishment.id} />
        </Card>
      ))}
    </div>
  );
}

/** Cơ sở: officers see those in their area, an applicant their own. */
export default function EstablishmentsPage() {
  const session = useSession();
  // <App> gives the verify and register actions their success messages (App.useApp).
  return <App component={false}>{hasAnyRole(session?.user, OFFICER_ROLES) ? <OfficerList /> : <ApplicantList />}</App>;
}
