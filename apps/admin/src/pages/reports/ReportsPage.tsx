import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Grid, InputNumber, Progress, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { paths } from '@khuyencong/api-client';
import dayjs, { type Dayjs } from 'dayjs';
import { EmptyState, ErrorAlert, Loading } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { LABELS } from '../../i18n/labels/index.js';
import { api } from '../../lib/api.js';
import { useSession } from '../../lib/auth.js';
import { documentUrl } from '../../lib/documents.js';
import { unwrap } from '../../lib/errors.js';
import { formatBillions, formatPercent, type Locale } from '../../lib/format.js';
import type { Grant } from '../../lib/session.js';

const BarChart = lazy(() => import('./BarChart.js'));

type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer J } } } } } ? J : never;
type Summary = Ok<'/api/reports/region-summary'>;
type PlanActual = Ok<'/api/reports/plan-vs-actual'>;
type Consulting = Ok<'/api/reports/consulting'>;
type ExportView = Ok<'/api/reports/exports/{id}'>;
type Line = PlanActual['lines'][number];
type Units = PlanActual['units'];

const REGIONS = Object.keys(LABELS.region);

interface Filters {
  regionCode: string;
  year: number;
  until: string | undefined;
}

const money = (value: { vnd: number }, locale: Locale) => formatBillions(value.vnd, locale);
const percent = (value: { value: number | null }, locale: Locale) => (value.value === null ? '—' : formatPercent(value.value, locale));

/** Excel export: queued on the API, built by the worker; progress is polled, then the file is downloaded. */
function ExportButton({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const [job, setJob] = useState<ExportView | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const params = { regionCode: filters.regionCode, year: filters.year, ...(filters.until ? { until: filters.until } : {}) };
      let view = unwrap(await api.POST('/api/reports/exports', { body: { kind: 'region-summary', params } }));
      setJob(view);
      while (view.status === 'queued' || view.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 700));
        view = unwrap<ExportView>(await api.GET('/api/reports/exports/{id}', { params: { path: { id: view.id } } }));
        setJob(view);
      }
      if (view.status === 'done' && view.documentId) {
        const url = await documentUrl(view.documentId);
        const link = document.createElement('a');
        link.href = url;
        link.download = `bao-cao-${filters.regionCode}-${filters.year}.xlsx`;
        document.body.append(link);
        link.click();
        link.remove();
      }
      return view;
    },
  });
  return (
    <Space direction="vertical" data-testid="export">
      <Button onClick={() => run.mutate()} loading={run.isPending}>
        {t('reports.export')}
      </Button>
      {job && (job.status === 'queued' || job.status === 'running') ? (
        <div role="status">
          <Typography.Text>{t('reports.exporting', { progress: job.progress })}</Typography.Text>
          <Progress percent={job.progress} size="small" aria-label={t('reports.exporting', { progress: job.progress })} />
        </div>
      ) : null}
      {job?.status === 'done' ? <Alert type="success" showIcon title={t('reports.exportReady')} data-testid="export-done" /> : null}
      {job?.status === 'failed' ? <Alert type="error" showIcon title={t('reports.exportFailed', { error: job.error ?? '' })} /> : null}
      {run.isError ? <ErrorAlert error={run.error} /> : null}
    </Space>
  );
}

/** Whether the grants read a region's published figures: a national grant or a grant of that region, of a role that reads reports. */
function readsRegion(grants: readonly Grant[], regionCode: string): boolean {
  return grants.some(
    (grant) => REPORT_READERS.has(grant.role) && (grant.scopeType === 'national' || (grant.scopeType === 'region' && grant.scopeId === regionCode)),
  );
}
const REPORT_READERS = new Set(['provincial_officer', 'central_officer', 'signer', 'admin']);

/** Plan vs actual of a region for a year (or to a date), as the conference report prints it. */
export default function ReportsPage() {
  const { t, label, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>({ regionCode: 'CENTRAL_HIGHLANDS', year: 2021, until: undefined });
  const query = { regionCode: filters.regionCode, year: filters.year, ...(filters.until ? { until: filters.until } : {}) };
  // Province lines (by province, consulting) by the units of their time or rolled up to today's (the 2025 reform);
  // the totals are the same.
  const [units, setUnits] = useState<Units>('historical');
  // The region summary and the reconciliation are the region's published figures: read with a national grant or
  // a grant of that region (docs/report-access.md); others are not sent to a refusal but told why.
  const regional = readsRegion(useSession()?.user.grants ?? [], filters.regionCode);
  const phone = Grid.useBreakpoint().md === false;
  const summary = useQuery({
    queryKey: ['report', 'summary', query],
    enabled: regional,
    queryFn: async () => unwrap(await api.GET('/api/reports/region-summary', { params: { query } })),
  });
  const provinces = useQuery({
    queryKey: ['report', 'provinces', query, units],
    queryFn: async () => unwrap(await api.GET('/api/reports/plan-vs-actual', { params: { query: { ...query, groupBy: 'province', units } } })),
  });
  const consulting = useQuery({
    queryKey: ['report', 'consulting', filters.regionCode, filters.year, units],
    queryFn: async () => unwrap(await api.GET('/api/reports/consulting', { params: { query: { regionCode: filters.regionCode, year: filters.year, units } } })),
  });
  const reconciliation = useQuery({
    queryKey: ['report', 'reconciliation', query],
    enabled: regional,
    queryFn: async () => unwrap(await api.GET('/api/reports/reconciliation', { params: { query } })),
  });
  const lineColumns = [
    { key: 'label', title: t('reports.col.source'), render: (row: Line) => row.label },
    { key: 'plan', title: t('reports.col.plan'), render: (row: Line) => money(row.plan, locale) },
    { key: 'actual', title: t('reports.col.actual'), render: (row: Line) => money(row.actual, locale) },
    { key: 'percent', title: t('reports.col.percent'), render: (row: Line) => percent(row.percent, locale) },
  ];
  return (
    <Space direction="vertical" size="large" className="full">
      <Card title={<Typography.Title level={3}>{t('reports.title')}</Typography.Title>} extra={regional ? <ExportButton filters={filters} /> : null}>
        <Form
          layout={phone ? 'vertical' : 'inline'}
          initialValues={{ regionCode: filters.regionCode, year: filters.year }}
          onValuesChange={(_, values: { regionCode: string; year: number | null; until?: Dayjs | null }) =>
            setFilters({
              regionCode: values.regionCode,
              year: values.year ?? filters.year,
              until: values.until ? values.until.format('YYYY-MM-DD') : undefined,
            })
          }
        >
          <Form.Item name="regionCode" label={t('reports.region')}>
            <Select style={phone ? undefined : { width: 280 }} options={REGIONS.map((code) => ({ value: code, label: label('region', code) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('reports.year')}>
            <InputNumber min={2021} max={dayjs().year()} />
          </Form.Item>
          <Form.Item name="until" label={t('reports.until')}>
            <DatePicker format="DD/MM/YYYY" allowClear />
          </Form.Item>
          {/* One choice for every section that shows provinces (by province, consulting). */}
          <Form.Item label={t('reports.units')}>
            <Radio.Group
              aria-label={t('reports.units')}
              data-testid="units"
              optionType="button"
              value={units}
              onChange={(event) => setUnits(event.target.value as Units)}
              options={(['historical', 'current'] as const).map((value) => ({ value, label: t(`reports.units.${value}`) }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card title={summary.data ? `${t('reports.summary')}: ${summary.data.regionName}, ${summary.data.year}` : t('reports.summary')} data-testid="summary">
        {regional ? null : <Alert type="info" showIcon title={t('reports.regionalOnly')} data-testid="regional-only" />}
        {summary.isLoading ? <Loading /> : null}
        {summary.error ? <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} /> : null}
        {summary.data ? (
          <>
            <Typography.Paragraph data-testid="paragraph" className="report-paragraph">
              {summary.data.paragraph}
            </Typography.Paragraph>
            <SimpleTable<Summary['sources'][number] | Summary['total']>
              testId="summary-table"
              rows={[...summary.data.sources, summary.data.total]}
              rowKey={(row) => row.key}
              rowClassName={(row) => (row.key === summary.data.total.key ? 'total-row' : '')}
              empty={null}
              columns={[...lineColumns, { key: 'share', title: t('reports.col.share'), render: (row) => ('share' in row ? percent(row.share, locale) : '') }]}
            />
            <Suspense fallback={<Loading />}>
              <BarChart bars={summary.data.sources.map((row) => ({ label: row.label, plan: row.plan.vnd, actual: row.actual.vnd }))} />
            </Suspense>
          </>
        ) : null}
      </Card>
      <Card title={t('reports.byProvince')}>
        {provinces.error ? <ErrorAlert error={provinces.error} /> : null}
        <SimpleTable<Line>
          testId="province-table"
          rows={provinces.data ? [...provinces.data.lines, provinces.data.total] : []}
          rowKey={(row) => row.key}
          empty={provinces.isLoading ? <Loading /> : <EmptyState why="—" />}
          columns={[{ ...lineColumns[0]!, title: t('reports.col.province') }, ...lineColumns.slice(1)]}
        />
      </Card>
      <Card title={t('reports.consulting')} data-testid="consulting">
        {consulting.error ? <ErrorAlert error={consulting.error} /> : null}
        {consulting.data ? (
          <>
            <Typography.Paragraph>{consulting.data.paragraph}</Typography.Paragraph>
            <SimpleTable<Consulting['lines'][number]>
              rows={consulting.data.lines}
              rowKey={(row) => row.provinceCode}
              empty={<EmptyState why="—" />}
              columns={[
                { key: 'province', title: t('reports.col.province'), render: (row) => row.provinceName },
                { key: 'projects', title: t('reports.col.projects'), render: (row) => row.projects },
                { key: 'revenue', title: t('reports.col.revenue'), render: (row) => money(row.revenue, locale) },
                { key: 'plan', title: t('reports.col.plan'), render: (row) => money(row.plan, locale) },
                { key: 'percent', title: t('reports.col.percent'), render: (row) => percent(row.percent, locale) },
              ]}
            />
          </>
        ) : null}
      </Card>
      <Card title={t('reports.reconciliation')}>
        {regional ? null : <Typography.Text>{t('reports.regionalOnly')}</Typography.Text>}
        {reconciliation.error ? <ErrorAlert error={reconciliation.error} /> : null}
        {reconciliation.data && reconciliation.data.totals.length === 0 ? <Typography.Text>{t('reports.reconciliationNone')}</Typography.Text> : null}
        {reconciliation.data?.totals.map((row) => (
          <Alert
            key={row.name}
            className="gap"
            type="info"
            showIcon
            title={`${row.name}: ${row.totalPrinted} / ${row.linesPrintedSum}`}
            description={row.explanation}
          />
        ))}
      </Card>
    </Space>
  );
}
