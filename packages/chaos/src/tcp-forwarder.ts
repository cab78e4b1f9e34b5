import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './processes.js';

/**
 * A TCP forwarder on a free loopback port: each connection is piped to 127.0.0.1:<target>. It stands in for the
 * stable address operators switch at a database failover (a virtual IP, a DNS name, a load balancer's backend):
 * the API and worker are configured with the forwarder's port and never learn that the server behind it changed.
 * `retarget(port)` cuts every open connection (as a moved virtual IP does) and sends new ones to the new server.
 */
export class TcpForwarder {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private target: number,
  ) {}

  static async start(target: number): Promise<TcpForwarder> {
    const port = await freePort();
    const server = createServer();
    const forwarder = new TcpForwarder(server, port, target);
    server.on('connection', (client) => forwarder.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return forwarder;
  }

  /** `postgres://postgres@127.0.0.1:<forwarder port>/<database>`. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Open connections through the forwarder (both halves counted once per client). */
  get connections(): number {
    return this.sockets.size / 2;
  }

  /** New connections go to `target`; the open ones are cut. */
  retarget(target: number): void {
    this.target = target;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.target });
    this.sockets.add(client);
    this.sockets.add(upstream);
    // Either side ending or failing ends the other: the client sees the connection drop, as with a dead server.
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
