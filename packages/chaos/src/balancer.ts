import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One API process behind the balancer. */
export interface Backend {
  host: string;
  port: number;
}

export interface BalancerOptions {
  backends: Backend[];
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
}

/** Methods a retry cannot apply twice; the rest (POST commands) are retried only when the connection was refused. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * A small round-robin HTTP reverse proxy for several API processes behind one address (`npm start --api N`,
 * the scale-out fault test, the bench). It adds the client's address to X-Forwarded-For, so an API that trusts
 * loopback proxies (TRUSTED_PROXIES=loopback) still limits each client, not the balancer. A backend that refuses
 * the connection (stopped, crashed) is skipped: the request is sent to the next one, which is safe for any
 * method because the refused backend never saw it. Bodies are buffered (the API's bodies are small, uploads
 * a few MB at most) so that such a request can be sent again.
 */
export class Balancer {
  private next = 0;
  /** Requests answered 502 because every backend refused. */
  badGateway = 0;

  private constructor(
    private readonly server: Server,
    readonly backends: Backend[],
  ) {}

  static async start(options: BalancerOptions): Promise<Balancer> {
    if (options.backends.length === 0) throw new Error('a balancer needs at least one backend');
    const server = createServer();
    const balancer = new Balancer(server, [...options.backends]);
    // A client that goes away mid-body must not take the balancer (and `npm start`) down with an unhandled rejection.
    server.on('request', (req, res) => void balancer.handle(req, res).catch(() => res.destroy()));
    // Keep-alive from clients: the proxy's own sockets to the backends are per request.
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return balancer;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // Hop-by-hop headers stay on this hop; the length is the buffered body's.
    const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = req.headers;
    const client = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ${client}` : client;
    headers['x-forwarded-proto'] ??= 'http';
    headers['x-forwarded-host'] ??= headers.host ?? '';
    const start = this.next;
    this.next = (this.next + 1) % this.backends.length;
    for (let i = 0; i < this.backends.length; i += 1) {
      const backend = this.backends[(start + i) % this.backends.length]!;
      const outcome = await this.forward(backend, req, res, headers, body);
      if (outcome === 'done') return;
      // Refused: the backend never saw the request, any method may go to the next one. Reset or cut mid-way:
      // only a request that is safe to repeat goes on (a command may have been applied; the client retries it
      // with its Idempotency-Key).
      if (outcome === 'failed' && !IDEMPOTENT.has(req.method ?? 'GET')) break;
    }
    if (!res.headersSent) {
      this.badGateway += 1;
      res.writeHead(502, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ statusCode: 502, message: 'no API process answered' }));
    } else {
      res.destroy();
    }
  }

  private forward(
    backend: Backend,
    req: IncomingMessage,
    res: ServerResponse,
    headers: IncomingMessage['headers'],
    body: Buffer,
  ): Promise<'done' | 'refused' | 'failed'> {
    return new Promise((resolve) => {
      const upstream = request({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers }, (answer) => {
        const { connection: _connection, 'keep-alive': _keepAlive, ...answerHeaders } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
        answer.on('end', () => resolve('done'));
        answer.on('error', () => {
          res.destroy();
          resolve('done');
        });
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (res.headersSent) {
          res.destroy();
          resolve('done');
        } else resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'failed');
      });
      // The client went away: stop waiting for the backend.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  }
}
