import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Progress, Radio, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EmptyState, ErrorAlert } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useImportsI18n } from '../../i18n/importsScreens.js';
import { IMPORT_KINDS, OUTCOMES, applyImport, downloadTemplate, dryRun, type ImportKind, type ImportReport, type ImportRow, type Outcome } from './upload.js';

const OUTCOME_COLOURS: Record<Outcome, string> = { created: 'green', updated: 'blue', unchanged: 'default', refused: 'red' };

const FIELDSET = { border: 0, padding: 0, margin: 0, minWidth: 0 } as const;
const WRAP = { overflowWrap: 'anywhere' } as const;
const REASONS = { margin: 0, paddingLeft: 16 } as const;
const FILE_LABEL = { display: 'flex', flexDirection: 'column', gap: 4, maxWidth: '100%' } as const;

type Stage = { step: 'upload'; percent: number } | { step: 'check' } | { step: 'apply' } | null;

/** "Nhập từ bảng tính": choose the kind, download the template, upload, read the dry run, apply with confirmation. */
export default function ImportsPage() {
  const { t } = useImportsI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('establishments');
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>(null);
  const [filter, setFilter] = useState<Outcome | 'all'>('all');
  const [report, setReport] = useState<ImportReport | null>(null);

  const progress = (next: 'check' | 'apply') => (percent: number) => setStage(percent < 100 ? { step: 'upload', percent } : { step: next });
  const check = useMutation({
    mutationFn: async (chosen: File) => dryRun(kind, chosen, progress('check')),
    onSuccess: (result) => {
      setReport(result);
      setFilter(result.totals.refused > 0 ? 'refused' : 'all');
    },
    onSettled: () => setStage(null),
  });
  const apply = useMutation({
    mutationFn: async (chosen: File) => applyImport(kind, chosen, progress('apply')),
    onSuccess: async (result) => {
      setReport(result);
      setFilter('all');
      void message.success(t('imports.applied', { ...result.totals }));
      await client.invalidateQueries();
    },
    onSettled: () => setStage(null),
  });
  const template = useMutation({ mutationFn: async (format: 'xlsx' | 'csv') => downloadTemplate(kind, format) });

  const reset = () => {
    setReport(null);
    setFile(null);
    check.reset();
    apply.reset();
  };
  const rows = useMemo(() => (report ? report.rows.filter((row) => filter === 'all' || row.outcome === filter) : []), [report, filter]);
  const writable = report && !report.applied ? report.totals.created + report.totals.updated : 0;
  const busy = check.isPending || apply.isPending;

  return (
    <Card title={<Typography.Title level={3}>{t('imports.title')}</Typography.Title>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('imports.intro')}</Typography.Paragraph>
        <fieldset style={FIELDSET}>
          <legend>{t('imports.kind')}</legend>
          <Radio.Group
            value={kind}
            disabled={busy}
            onChange={(event) => {
              setKind(event.target.value as ImportKind);
              reset();
            }}
          >
            <Space orientation="vertical">
              {IMPORT_KINDS.map((candidate) => (
                <Radio key={candidate} value={candidate} data-testid={`import-kind-${candidate}`}>
                  {t(`imports.kind.${candidate}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </fieldset>
        <Space wrap>
          <Button onClick={() => template.mutate('xlsx')} loading={template.isPending && template.variables === 'xlsx'} data-testid="import-template-xlsx">
            {t('imports.template.xlsx')}
          </Button>
          <Button onClick={() => template.mutate('csv')} loading={template.isPending && template.variables === 'csv'} data-testid="import-template-csv">
            {t('imports.template.csv')}
          </Button>
        </Space>
        {template.error ? <ErrorAlert error={template.error} /> : null}

        {!report ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <label style={FILE_LABEL}>
              <span>{t('imports.file')}</span>
              <input
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                data-testid="import-file"
                disabled={busy}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  check.reset();
                }}
              />
            </label>
            <Button type="primary" disabled={!file || busy} loading={check.isPending} onClick={() => file && check.mutate(file)} data-testid="import-check">
              {t('imports.check')}
            </Button>
          </Space>
        ) : null}

        {stage ? (
          <div data-testid="import-progress">
            <Typography.Text>
              {stage.step === 'upload'
                ? t('imports.uploading', { percent: stage.percent })
                : t(stage.step === 'check' ? 'imports.checking' : 'imports.applying')}
            </Typography.Text>
            <Progress
              percent={stage.step === 'upload' ? stage.percent : 100}
              status="active"
              showInfo={false}
              aria-label={
                stage.step === 'upload'
                  ? t('imports.uploading', { percent: stage.percent })
                  : t(stage.step === 'check' ? 'imports.checking' : 'imports.applying')
              }
            />
          </div>
        ) : null}
        {check.error ? <ErrorAlert error={check.error} /> : null}
        {apply.error ? <ErrorAlert error={apply.error} /> : null}

        {report ? (
          <>
            <Alert
              type={report.applied ? 'success' : report.totals.refused > 0 ? 'warning' : 'info'}
              showIcon
              title={report.applied ? t('imports.result') : t('imports.report')}
              description={<span data-testid="import-totals">{t('imports.totals', { ...report.totals })}</span>}
            />
            <fieldset style={FIELDSET}>
              <legend>{t('imports.filter')}</legend>
              <Radio.Group value={filter} onChange={(event) => setFilter(event.target.value as Outcome | 'all')} optionType="button" size="small">
                <Radio.Button value="all" data-testid="import-filter-all">
                  {t('imports.filter.all', { count: report.totals.rows })}
                </Radio.Button>
                {OUTCOMES.map((outcome) => (
                  <Radio.Button key={outcome} value={outcome} data-testid={`import-filter-${outcome}`}>
                    {t(`imports.outcome.${outcome}`)} ({report.totals[outcome]})
                  </Radio.Button>
                ))}
              </Radio.Group>
            </fieldset>
            <SimpleTable<ImportRow>
              testId="import-rows"
              rows={rows}
              rowKey={(row) => String(row.row)}
              rowClassName={(row) => `import-row-${row.outcome}`}
              empty={<EmptyState why={t('imports.noRows')} />}
              columns={[
                { key: 'row', title: t('imports.col.row'), render: (row) => row.row },
                { key: 'record', title: t('imports.col.record'), render: (row) => <span style={WRAP}>{row.label}</span> },
                {
                  key: 'outcome',
                  title: t('imports.col.outcome'),
                  render: (row) => <Tag color={OUTCOME_COLOURS[row.outcome]}>{t(`imports.outcome.${row.outcome}`)}</Tag>,
                },
                {
                  key: 'reason',
                  title: t('imports.col.reason'),
                  render: (row) => (
                    <ul style={REASONS}>
                      {row.problems.map((problem, index) => (
                        <li key={index} style={WRAP}>
                          {problem.column ? <strong>{problem.column}: </strong> : null}
                          {problem.message}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
            <Space wrap>
              {!report.applied ? (
                writable > 0 ? (
                  <Popconfirm
                    title={t('imports.applyConfirm', { count: writable })}
                    okText={t('imports.apply', { count: writable })}
                    cancelText={t('common.cancel')}
                    onConfirm={() => file && apply.mutate(file)}
                  >
                    <Button type="primary" loading={apply.isPending} data-testid="import-apply">
                      {t('imports.apply', { count: writable })}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Typography.Text type="secondary" data-testid="import-nothing">
                    {t('imports.nothingToApply')}
                  </Typography.Text>
                )
              ) : null}
              <Button onClick={reset} disabled={busy} data-testid="import-again">
                {t('imports.again')}
              </Button>
            </Space>
          </>
        ) : null}
      </Space>
    </Card>
  );
}
