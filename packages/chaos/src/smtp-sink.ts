import { SMTPServer } from 'smtp-server';
import { freePort } from './processes.js';

/** One message the sink accepted: its envelope recipients and Message-ID header. */
export interface SunkMail {
  to: string[];
  messageId: string | undefined;
}

/** A real SMTP server on a loopback port that accepts everything and keeps what it got, for counting. */
export class SmtpSink {
  readonly received: SunkMail[] = [];
  private readonly server: SMTPServer;

  private constructor(readonly port: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, done) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 8192) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const messageId = /^message-id:\s*(\S+)/im.exec(head)?.[1];
          this.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), messageId });
          done();
        });
      },
    });
  }

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink(await freePort());
    await new Promise<void>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(sink.port, '127.0.0.1', () => resolve());
    });
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
