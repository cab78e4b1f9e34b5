import { Card, Typography } from 'antd';
import { useRoundContactI18n } from '../../i18n/roundContact.js';
import type { EntryView, InstanceView } from '../../lib/commands.js';
import { formatDate } from '../../lib/format.js';

/** Links inside a sentence are underlined, not told apart by colour alone (WCAG 1.4.1). */
const LINK = { textDecoration: 'underline' } as const;

/** Stages in which the entry waits for its preparer, and the verb each asks of them. */
const PREPARER_STAGES = new Set(['draft', 'revision']);

/** "Xã Ia Ly" → "xã Ia Ly" after "UBND" (the unit's kind is written in lower case inside a name). */
const inName = (name: string): string => name.replace(/^(Xã|Phường|Thị trấn|Đặc khu)(?= )/u, (kind) => kind.toLowerCase());

/** A phone number as a tel: link target: its digits and a leading +. */
const dialable = (phone: string): string => phone.replace(/[^0-9+]/g, '');

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

  const organiser =
    round.level === 'commune'
      ? t('next.organiser.commune', { name: locale === 'vi' ? inName(round.scopeName) : round.scopeName })
      : round.level === 'province'
        ? t('next.organiser.province', { name: round.scopeName })
        : t('next.organiser.central');
  const contact = round.contact;
  const name = contact?.name ?? organiser;
  return (
    <Card title={t('next.title')} data-testid="next-answer" data-stage={view.stage}>
      <Typography.Paragraph data-testid="next-answer-status" data-due={due ?? ''} style={{ overflowWrap: 'anywhere' }}>
        {status}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="next-answer-contact" style={{ marginBottom: 0, overflowWrap: 'anywhere' }}>
        {t('next.contact')}: <span data-testid="contact-name">{name}</span>
        {contact?.phone ? (
          <>
            {' · '}
            <a href={`tel:${dialable(contact.phone)}`} data-testid="contact-phone" style={LINK}>
              {contact.phone}
            </a>
          </>
        ) : null}
        {contact?.email ? (
          <>
            {' · '}
            <a href={`mailto:${contact.email}`} data-testid="contact-email" style={LINK}>
              {contact.email}
            </a>
          </>
        ) : null}
      </Typography.Paragraph>
    </Card>
  );
}
