import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Grid, Segmented, Table, Tabs, Tag } from 'antd';
import type { paths } from '@khuyencong/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { useAdminI18n } from '../../i18n/admin.js';
import { api } from '../../lib/api.js';
import { unwrap } from '../../lib/errors.js';
import { formatDate, formatPercent, formatVnd } from '../../lib/format.js';
import '../../lib/dayjs-locale.js';
import { EditSupportRuleDialog } from './EditSupportRuleDialog.js';
import { RegionMembershipsSection } from './RegionMembershipsSection.js';

type Rule = paths['/api/reference/support-rules']['get']['responses'][200]['content']['application/json'][number];

/** Reference data as of a date: units change (the 2025 reform), rules have validity periods. */
export default function ReferencePage() {
  const { t, label, locale } = useAdminI18n();
  const [on, setOn] = useState<Dayjs>(dayjs());
  const [editing, setEditing] = useState<Rule | null>(null);
  const [tab, setTab] = useState('provinces');
  const phone = Grid.useBreakpoint().md === false;
  const date = on.format('YYYY-MM-DD');
  const provinces = useQuery({
    queryKey: ['ref', 'provinces', date],
    queryFn: async () => unwrap(await api.GET('/api/reference/provinces', { params: { query: { on: date } } })),
  });
  const regions = useQuery({
    queryKey: ['ref', 'regions', date],
    queryFn: async () => unwrap(await api.GET('/api/reference/regions', { params: { query: { on: date } } })),
  });
  const groups = useQuery({ queryKey: ['ref', 'groups'], queryFn: async () => unwrap(await api.GET('/api/reference/content-groups')) });
  const rules = useQuery({
    queryKey: ['ref', 'rules', date],
    queryFn: async () => unwrap(await api.GET('/api/reference/support-rules', { params: { query: { on: date } } })),
  });
  const criteria = useQuery({ queryKey: ['ref', 'criteria'], queryFn: async () => unwrap(await api.GET('/api/reference/criteria-sets')) });
  const empty = { emptyText: <EmptyState why={t('reference.empty')} /> };
  const failed = [provinces, regions, groups, rules, criteria].find((query) => query.isError);
  const valid = (from: string | null | undefined, to: string | null | undefined) =>
    `${from ? formatDate(from, locale) : '…'} – ${to ? formatDate(to, locale) : '…'}`;
  return (
    <Card
      title={t('reference.title')}
      extra={<DatePicker value={on} onChange={(value) => value && setOn(value)} format="DD/MM/YYYY" allowClear={false} aria-label={t('reference.on')} />}
    >
      {failed ? <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <ReferenceTabs
        phone={phone}
        active={tab}
        onChange={setTab}
        items={[
          {
            key: 'provinces',
            label: t('reference.provinces'),
            children: (
              <Table
                size="small"
                rowKey="code"
                loading={provinces.isPending}
                dataSource={provinces.data ?? []}
                locale={empty}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('reference.officialCode'), key: 'code', render: (_, row) => row.officialCode ?? '—' },
                  { title: t('reference.name'), dataIndex: 'name', key: 'name' },
                  { title: t('reference.validFrom'), key: 'valid', render: (_, row) => valid(row.validFrom, row.validTo) },
                ]}
              />
            ),
          },
          {
            key: 'regions',
            label: t('reference.regions'),
            children: (
              <Table
                size="small"
                rowKey="code"
                loading={regions.isPending}
                dataSource={regions.data ?? []}
                locale={empty}
                pagination={false}
                columns={[
                  { title: t('reference.name'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('reference.members'),
                    key: 'members',
                    render: (_, row) => `${row.members.length}: ${row.members.map((member) => member.name).join(', ')}`,
                  },
                ]}
              />
            ),
          },
          {
            key: 'groups',
            label: t('reference.contentGroups'),
            children: (
              <Table
                size="small"
                rowKey={(row) => `${row.programmeCode}:${row.code}`}
                loading={groups.isPending}
                dataSource={groups.data ?? []}
                locale={empty}
                pagination={false}
                columns={[
                  { title: t('reference.code'), dataIndex: 'code', key: 'code' },
                  { title: t('reference.name'), dataIndex: 'name', key: 'name' },
                ]}
              />
            ),
          },
          {
            key: 'rules',
            label: t('reference.supportRules'),
            children: (
              <Table
                size="small"
                rowKey="code"
                loading={rules.isPending}
                dataSource={rules.data ?? []}
                locale={empty}
                pagination={{ pageSize: 20 }}
                columns={[
                  { title: t('reference.name'), dataIndex: 'activityName', key: 'name' },
                  { title: t('reference.source'), key: 'source', render: (_, row) => <Tag>{label('fundingSource', row.fundingSourceCode)}</Tag> },
                  {
                    title: t('reference.maxPercent'),
                    key: 'percent',
                    render: (_, row) => (row.maxPercent === null ? '—' : formatPercent(Number(row.maxPercent), locale)),
                  },
                  {
                    title: t('reference.maxAmount'),
                    key: 'amount',
                    render: (_, row) => (row.maxAmount === null ? '—' : formatVnd(Number(row.maxAmount), locale)),
                  },
                  { title: t('reference.basis'), key: 'basis', render: (_, row) => [row.basis, row.article].filter(Boolean).join(', ') },
                  {
                    key: 'edit',
                    render: (_, row) => (
                      <Button size="small" onClick={() => setEditing(row)}>
                        {t('reference.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'criteria',
            label: t('reference.criteriaSets'),
            children: (
              <Table
                size="small"
                rowKey="code"
                loading={criteria.isPending}
                dataSource={criteria.data ?? []}
                locale={empty}
                pagination={false}
                columns={[
                  { title: t('reference.name'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('reference.points'),
                    key: 'points',
                    render: (_, row) => row.groups.map((group) => `${group.name} (${group.maxPoints})`).join('; '),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <RegionMembershipsSection />
      {editing ? <EditSupportRuleDialog rule={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

type TabItem = { key: string; label: string; children: ReactNode };

/**
 * Tabs on a laptop; on a phone, where the tab bar would overflow into a "more" menu that is not a tab (and breaks
 * the tab list for screen readers), a wrapping segmented choice above the active section.
 */
function ReferenceTabs({ phone, active, onChange, items }: { phone: boolean; active: string; onChange: (key: string) => void; items: TabItem[] }) {
  if (!phone) return <Tabs activeKey={active} onChange={onChange} items={items} />;
  return (
    <>
      <Segmented
        block={false}
        value={active}
        onChange={(value) => onChange(String(value))}
        options={items.map((item) => ({ value: item.key, label: item.label }))}
      />
      <div className="gap-top">{items.find((item) => item.key === active)?.children}</div>
    </>
  );
}
