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

/**
 * Pool settings unless the URL says otherwise (`?pool=false`, `?maxConnections=2`: the URL's parameters win).
 * One SMTP conversation per message costs a TCP (and TLS) handshake, the greeting, EHLO and QUIT around it; a pool
 * keeps a few connections open and sends message after message over them. Five connections match what mail
 * relays usually allow one client; a connection is replaced after 1,000 messages instead of nodemailer's 100.
 */
export const SMTP_POOL_DEFAULTS = { pool: true, maxConnections: 5, maxMessages: 1000 } as const;

/** The pooled SMTP overload of createTransport (ReturnType of createTransport itself would pick its catch-all `any` one). */
function smtpTransport(smtpUrl: string) {
  return createTransport({ ...SMTP_POOL_DEFAULTS, url: smtpUrl });
}

/** Injection token of the worker's Mailer. */
export const MAILER = Symbol('MAILER');

/**
 * Sends over SMTP (`smtp://host:port`, `smtps://` for implicit TLS, credentials in the URL), UTF-8 throughout, over
 * pooled connections (SMTP_POOL_DEFAULTS). Concurrent sends share the pool; each resolves once the server took it.
 */
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
