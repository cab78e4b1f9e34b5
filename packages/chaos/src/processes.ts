import { spawn, type ChildProcess } from 'node:child_process';
import { inheritedEnv } from './env.js';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/chaos/src or packages/chaos/dist). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value, or fails naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    // A probe that throws (a connection refused while a server starts) counts as "not yet".
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(everyMs);
  }
}

/** A loopback port nothing listens on (right now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The last lines a process printed, kept so a failing test can show why. */
const OUTPUT_LIMIT = 200_000;

/**
 * A child process the test owns: its output is kept (tail), `exited` resolves with its exit code or signal, and
 * `stop()` ends it (SIGTERM, then SIGKILL after a grace period) so no test leaves a process behind.
 */
export class ManagedProcess {
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private done = false;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ) {
    this.child = spawn(command, args, {
      env: inheritedEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: REPO_ROOT,
    });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > OUTPUT_LIMIT) this.output = this.output.slice(-OUTPUT_LIMIT / 2);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.done = true;
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.done;
  }

  /** Sends a signal (SIGKILL for a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.done) return;
    this.child.kill(signal);
    await this.exited;
  }

  /** A clean stop, forced after `graceMs`. */
  async stop(graceMs = 10000): Promise<void> {
    if (this.done) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
