import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ManagedProcess, freePort, until } from './processes.js';

export interface RedisClusterOptions {
  masters: number;
  replicasPerMaster: number;
}

/** One line of CLUSTER NODES: who a node is, what it is, which slots it serves. */
interface NodeLine {
  port: number;
  id: string;
  master: boolean;
  failed: boolean;
  slots: [number, number][];
}

const NODE_TIMEOUT_MS = 2000;

function parseNodes(text: string): NodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, , , , , , ...slots] = line.split(' ');
      const flagList = flags!.split(',');
      return {
        id: id!,
        port: Number(/:(\d+)@/.exec(address!)![1]),
        master: flagList.includes('master'),
        failed: flagList.includes('fail') || flagList.includes('fail?'),
        // Ranges "0-5460" or single slots "42"; importing/migrating markers ("[…]") are not ownership.
        slots: slots
          .filter((slot) => !slot.startsWith('['))
          .map((slot) => {
            const [from, to] = slot.split('-').map(Number);
            return [from!, to ?? from!] as [number, number];
          }),
      };
    });
}

/**
 * A Redis Cluster the test owns: `masters` × (1 + `replicasPerMaster`) `redis-server` processes on free loopback
 * ports (client and cluster-bus ports both picked free, so no port + 10000 clash), with the append-only file on,
 * in a directory of their own. A node timeout of 2 s makes a killed master's replica take over within seconds.
 */
export class TestRedisCluster {
  private readonly processes = new Map<number, ManagedProcess>();
  /** Ports of masters killed and the slots they served, for waitForFailover. */
  private readonly lost: { port: number; slots: [number, number][] }[] = [];

  private constructor(
    readonly ports: number[],
    readonly dir: string,
  ) {}

  static async create(options: RedisClusterOptions): Promise<TestRedisCluster> {
    const count = options.masters * (1 + options.replicasPerMaster);
    const ports: number[] = [];
    const busPorts: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      const bus = await freePort();
      if (port !== bus && !ports.includes(port) && !busPorts.includes(port) && !ports.includes(bus) && !busPorts.includes(bus)) {
        ports.push(port);
        busPorts.push(bus);
      }
    }
    const cluster = new TestRedisCluster(ports, mkdtempSync(join(tmpdir(), 'kc-chaos-redis-cluster-')));
    try {
      ports.forEach((port, i) => cluster.startNode(port, busPorts[i]!));
      for (const port of ports) await until(`redis-server on ${port}`, async () => ((await cluster.call(port, 'PING')) === 'PONG' ? true : undefined), 10000);
      const create = new ManagedProcess('redis-cli', 'redis-cli', [
        '--cluster',
        'create',
        ...ports.map((port) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        String(options.replicasPerMaster),
        '--cluster-yes',
      ]);
      const { code } = await create.exited;
      if (code !== 0) throw new Error(`redis-cli --cluster create failed (${code}):\n${create.output}`);
      await cluster.waitForState(ports, 30000);
      // Every replica attached and through its first sync: a replica that never synced may not take over.
      await until(
        'every replica in sync with its master',
        async () => {
          const nodes = parseNodes(String(await cluster.call(ports[0]!, 'CLUSTER', 'NODES')));
          if (nodes.filter((node) => node.master).length !== options.masters || nodes.length !== count) return undefined;
          for (const node of nodes.filter((line) => !line.master)) {
            if (!String(await cluster.call(node.port, 'INFO', 'replication')).includes('master_link_status:up')) return undefined;
          }
          return true;
        },
        30000,
        200,
      );
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** host:port of every node (what REDIS_CLUSTER_NODES takes). */
  get nodes(): string[] {
    return this.ports.map((port) => `127.0.0.1:${port}`);
  }

  /** The port of the master serving `keyOrSlot` (a key, its hash tag honoured, or a slot number) right now. */
  async masterOf(keyOrSlot: string | number): Promise<number> {
    const port = this.alivePorts()[0]!;
    const slot = typeof keyOrSlot === 'number' ? keyOrSlot : Number(await this.call(port, 'CLUSTER', 'KEYSLOT', keyOrSlot));
    const owner = parseNodes(String(await this.call(port, 'CLUSTER', 'NODES'))).find(
      (node) => node.master && !node.failed && node.slots.some(([from, to]) => slot >= from && slot <= to),
    );
    if (!owner) throw new Error(`no master serves slot ${slot}`);
    return owner.port;
  }

  /** A crash: SIGKILL, no chance to flush or hand over. A master's slots stay unserved until waitForFailover. */
  async kill(port: number): Promise<void> {
    const alive = this.alivePorts().find((other) => other !== port);
    if (alive !== undefined) {
      const node = parseNodes(String(await this.call(alive, 'CLUSTER', 'NODES'))).find((line) => line.port === port);
      if (node?.master) this.lost.push({ port, slots: node.slots });
    }
    await this.processes.get(port)?.kill('SIGKILL');
    this.processes.delete(port);
  }

  /** Until a surviving node is master of every slot a killed master served and every live node says state ok. */
  async waitForFailover(ms = 30000): Promise<void> {
    const alive = this.alivePorts();
    await until(
      'a replica promoted for every killed master',
      async () => {
        const nodes = parseNodes(String(await this.call(alive[0]!, 'CLUSTER', 'NODES')));
        const served = (slot: number) =>
          nodes.some((node) => node.master && !node.failed && alive.includes(node.port) && node.slots.some(([from, to]) => slot >= from && slot <= to));
        return this.lost.every(({ slots }) => slots.every(([from, to]) => served(from) && served(to))) ? true : undefined;
      },
      ms,
      100,
    );
    await this.waitForState(alive, ms);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((process) => process.stop(5000)));
    this.processes.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private alivePorts(): number[] {
    return this.ports.filter((port) => this.processes.get(port)?.running);
  }

  private startNode(port: number, busPort: number): void {
    const node = new ManagedProcess(`redis-cluster-${port}`, 'redis-server', [
      '--port',
      String(port),
      '--cluster-port',
      String(busPort),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(this.dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      String(NODE_TIMEOUT_MS),
      // A replica takes over however long ago it last heard from its master (the default 10 × node timeout
      // could leave the slots unserved on a slow, shared machine); the test wants the failover, not the guard.
      '--cluster-replica-validity-factor',
      '0',
      '--appendonly',
      'yes',
      '--appendfilename',
      `appendonly-${port}.aof`,
      '--appenddirname',
      `aof-${port}`,
      '--save',
      '',
      '--dir',
      this.dir,
      '--daemonize',
      'no',
    ]);
    this.processes.set(port, node);
  }

  private async waitForState(ports: number[], ms: number): Promise<void> {
    await until(
      'cluster_state:ok on every live node',
      async () => {
        for (const port of ports) {
          if (!String(await this.call(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return undefined;
        }
        return true;
      },
      ms,
      100,
    );
  }

  /** One command to one node, on a short-lived plain connection (no cluster redirection). */
  private async call(port: number, command: string, ...args: string[]): Promise<unknown> {
    const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(command, ...args);
    } finally {
      client.disconnect();
    }
  }
}
