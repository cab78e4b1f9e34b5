import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';

/** One e-mail to one address. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; `SmtpMailer` in the worker. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/** The SMTP overload of createTransport (ReturnType of createTransport itself would pick its catch-all `any` one). */
function smtpTransport(smtpUrl: string) {
  return createTransport(smtpUrl);
}

/** Injection token of the worker's Mailer. */
export const MAILER = Symbol('MAILER');

/** Sends over SMTP (`smtp://host:port`, `smtps://` for implicit TLS, credentials in the URL), UTF-8 throughout. */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof smtpTransport>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = smtpTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, textEncoding: 'base64' });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}

/** Closes the mailer's pooled SMTP connections when the worker stops. */
@Injectable()
export class MailerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
