import { Card, Descriptions, Tag, Typography } from 'antd';
import { EmptyState } from '../../components/Feedback.js';
import { SimpleTable } from '../../components/SimpleTable.js';
import { useI18n } from '../../i18n/i18n.js';
import { peopleOf, type InstanceView } from '../../lib/commands.js';

const points = (hundredths: number, locale: 'vi' | 'en') =>
  (hundredths / 100).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });

/** The jury's sheets and result once it has closed; before that only the viewer's own sheet, never others'. */
export function ScoresCard({ instance }: { instance: InstanceView }) {
  const { t, label, locale } = useI18n();
  const jury = instance.jury;
  if (!jury) return null;
  const criteria = instance.criteria;
  const people = peopleOf(instance);
  // Judges by name; one the view does not name is numbered by their place on the jury, never shown by id.
  const nameOf = (judge: string) => people[judge]?.displayName ?? t('applying.judgeN', { n: jury.judges.indexOf(judge) + 1 });
  const rows = Object.entries(jury.sheets).map(([judge, sheet]) => ({ judge, ...sheet }));
  const last = jury.results.at(-1);
  return (
    <Card title={t('scores.title')} data-testid="scores">
      {last ? (
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} className="gap">
          <Descriptions.Item label={t('scores.average')}>{points(last.averageHundredths, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('scores.spread')}>{points(last.spreadHundredths, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('instance.outcome')}>
            <Tag color={last.outcome === 'passed' ? 'green' : last.outcome === 'failed' ? 'red' : 'orange'}>{label('juryOutcome', last.outcome)}</Tag>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {!jury.closed ? <Typography.Paragraph type="secondary">{t('scores.hidden')}</Typography.Paragraph> : null}
      {rows.length === 0 ? (
        <EmptyState why={t('scores.hidden')} />
      ) : (
        <SimpleTable<(typeof rows)[number]>
          testId="score-sheets"
          rowKey={(row) => row.judge}
          rows={rows}
          empty={null}
          columns={[
            { title: t('scores.judge'), key: 'judge', render: (row) => nameOf(row.judge) },
            ...criteria.map((criterion) => ({
              title: `${criterion.name[locale]} (${criterion.max})`,
              key: criterion.code,
              render: (row: (typeof rows)[number]) => row.points[criterion.code] ?? '—',
            })),
            { title: t('scores.total'), key: 'total', render: (row) => points(row.totalHundredths, locale) },
            { title: t('scores.comment'), key: 'comment', render: (row) => row.comment },
          ]}
        />
      )}
    </Card>
  );
}
