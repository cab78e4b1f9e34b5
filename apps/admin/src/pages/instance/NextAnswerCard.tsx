import { Card, Typography } from 'antd';
import { useRoundContactI18n } from '../../i18n/roundContact.js';
import type { EntryView, InstanceView } from '../../lib/commands.js';
import { formatDate } from '../../lib/format.js';
import { RoundContactLine } from '../../components/RoundContactLine.js';

/** Stages in which the entry waits for its preparer, and the verb each asks of them. */
const PREPARER_STAGES = new Set(['draft', 'revision']);

/**
 * What happens next and whom to ask: the stage and the date its answer is due (or what the applicant must do by
 * when), the final outcome once there is one, and the round's contact — or, when the round names none, its
 * organiser by level. Shown to the applicant and to officers alike (officers read the applicant's words in the third
 * person).
 */
export function NextAnswerCard({ view, entry, isApplicant }: { view: InstanceView; entry: EntryView; isApplicant: boolean }) {
  const { t, label, locale } = useRoundContactI18n();
  const round = entry.round;
  const finished = view.status === 'terminal' || view.outcome !== null;
  // A nomination (regional and national rounds, or a commune's product in the provincial round) is prepared by officers.
  const preparedByApplicant = (round.level === 'commune' || round.level === 'province') && entry.nominatedFrom === null;
  const waitsForApplicant = !finished && PREPARER_STAGES.has(view.stage) && preparedByApplicant;
  const closes = typeof view.round?.registrationClosesAt === 'string' ? view.round.registrationClosesAt : null;
  // A draft has no stage deadline of its own: it must be submitted before the round stops taking entries.
  const due = view.sla?.dueAt ?? (view.stage === 'draft' ? closes : null);
  const date = due ? formatDate(due, locale) : null;

  let status: string;
  if (finished) status = t('next.final', { outcome: label('outcome', view.outcome ?? view.stage) });
  else if (waitsForApplicant) {
    const verb = view.stage === 'draft' ? 'draft' : 'revision';
    const who = isApplicant ? 'you' : 'applicant';
    status = date ? t(`next.${who}.${verb}`, { date }) : t(`next.${who}NoDue.${verb}`);
  } else {
    const stage = label('stage', view.stage);
    status = date ? t('next.handling', { stage, date }) : t('next.handlingNoDue', { stage });
  }

  return (
    <Card title={t('next.title')} data-testid="next-answer" data-stage={view.stage}>
      <Typography.Paragraph data-testid="next-answer-status" data-due={due ?? ''} style={{ overflowWrap: 'anywhere' }}>
        {status}
      </Typography.Paragraph>
      <RoundContactLine round={round} />
    </Card>
  );
}
