// A lean HTTP/1.1 JSON client on keep-alive sockets: the load generator shares the machine with the platform,
// so it should spend as little CPU per request as it can.
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { type LatencyRecorder } from './stats.js';

export interface Reply<T> {
  status: number;
  body: T;
}

/** Thrown when a call answers a status the caller did not expect. */
export class UnexpectedReply extends Error {
  constructor(
    readonly label: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${label} → HTTP ${status}: ${JSON.stringify(body).slice(0, 400)}`);
    this.name = 'UnexpectedReply';
  }
}

/**
 * Spaces commands evenly to a total rate shared by every user (an open load of `perSecond` commands/s instead of
 * users sending as fast as answers come back). Latency is timed from when the command was due to leave, so a
 * platform that falls behind shows it in its latency, not as a slower offered rate.
 */
export class Pacer {
  private next = 0;
  constructor(private readonly perSecond: number) {}

  /** Waits for this command's slot; returns when it was due (performance.now() time). */
  async slot(): Promise<number> {
    const now = performance.now();
    const due = Math.max(now, this.next);
    this.next = due + 1000 / this.perSecond;
    if (due > now) await new Promise((resolve) => setTimeout(resolve, due - now));
    return due;
  }
}

export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly recorder?: LatencyRecorder,
    private readonly pacer?: Pacer,
  ) {
    this.url = new URL(baseUrl);
  }

  /** One request; JSON in and out (a non-JSON answer comes back as its length in bytes). */
  raw<T>(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
            ...(payload ? { 'content-length': String(payload.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks);
            const json = (res.headers['content-type'] ?? '').includes('json');
            try {
              resolve({ status: res.statusCode ?? 0, body: (json ? JSON.parse(text.toString('utf8')) : { bytes: text.length }) as T });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          res.on('error', reject);
        },
      );
      // A request that gets no answer is a failure to report, never a benchmark that waits forever.
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** A timed call that must succeed (2xx); its latency is recorded under `label`. */
  async timed<T>(label: string, method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const started = this.pacer ? await this.pacer.slot() : performance.now();
    const reply = await this.raw<T>(method, path, token, body, headers);
    if (reply.status < 200 || reply.status > 299) {
      this.recorder?.recordError(label);
      throw new UnexpectedReply(label, reply.status, reply.body);
    }
    this.recorder?.record(label, performance.now() - started);
    return reply.body;
  }

  /** Multipart upload of one file to /api/documents; returns the document id. */
  async upload(token: string, content: Buffer, name: string, type: string): Promise<string> {
    const boundary = `----kcbench${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const reply = await this.raw<{ id: string }>('POST', '/api/documents', token, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    if (reply.status !== 201) throw new UnexpectedReply('upload', reply.status, reply.body);
    return reply.body.id;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The headers of a workflow command: a fresh idempotency key and the version the caller last saw. */
export function commandHeaders(version: number): Record<string, string> {
  return { 'idempotency-key': `b-${randomUUID()}`, 'if-match': `"${version}"` };
}
