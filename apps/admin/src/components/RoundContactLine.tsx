import { Typography } from 'antd';
import { useRoundContactI18n } from '../i18n/roundContact.js';

/** Links inside a sentence are underlined, not told apart by colour alone (WCAG 1.4.1). */
const LINK = { textDecoration: 'underline' } as const;

/** "Xã Ia Ly" → "xã Ia Ly" after "UBND" (the unit's kind is written in lower case inside a name). */
const inName = (name: string): string => name.replace(/^(Xã|Phường|Thị trấn|Đặc khu)(?= )/u, (kind) => kind.toLowerCase());

/** A phone number as a tel: link target: its digits and a leading +. */
const dialable = (phone: string): string => phone.replace(/[^0-9+]/g, '');

/** What a round says about whom to contact (the entry's round, or a public open round). */
export interface ContactRound {
  level: 'commune' | 'province' | 'region' | 'national';
  scopeName: string;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
}

/**
 * "Liên hệ: <office> · <phone> · <e-mail>": the round's contact, the phone and e-mail as links a phone can dial and
 * write to; when the round names none, its organiser by level (the commune's People's Committee, the province's
 * Department of Industry and Trade, the Cục).
 */
export function RoundContactLine({ round }: { round: ContactRound }) {
  const { t, locale } = useRoundContactI18n();
  const organiser =
    round.level === 'commune'
      ? t('next.organiser.commune', { name: locale === 'vi' ? inName(round.scopeName) : round.scopeName })
      : round.level === 'province'
        ? t('next.organiser.province', { name: round.scopeName })
        : t('next.organiser.central');
  const contact = round.contact;
  return (
    <Typography.Paragraph data-testid="next-answer-contact" style={{ marginBottom: 0, overflowWrap: 'anywhere' }}>
      {t('next.contact')}: <span data-testid="contact-name">{contact?.name ?? organiser}</span>
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
  );
}
