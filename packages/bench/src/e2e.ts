// `pnpm bench`: the platform end to end under concurrent virtual users, with the raw PostgreSQL and BullMQ
// baselines measured in the same run. Flags: --duration s (60), --warmup s (10), --users n (32, selection and
// scheme users together), --scheme-users n (8), --entries n per round (5), --api-processes n (1), --pool n (10),
// --worker-concurrency n (8), --baseline-seconds s (10), --bull-jobs n (20000), --smtp-pool 0|1 (1: SMTP_URL ?pool=true),
// --profile 0|1 (0: 1 writes V8 CPU profiles of the API and the worker and prints where their time went),
// --rate n (0: users send as fast as answers come; n: commands are spaced to n/s in total, an open load),
// --split-workers 0|1 (0: 1 runs notifications + timers and documents + reports in two worker processes),
// --vacuum-every s (10; 0 = never): VACUUM (ANALYZE) of the tables every command rewrites, standing in for
// autovacuum, which is off on this machine's PostgreSQL (it is on in any production installation),
// --worker-heap-mb n (160), --api-heap-mb n (192): --max-old-space-size of the worker and API processes, as their
// start scripts set it (0: V8's default), --workers n (1: identical worker processes, each relaying),
// --balancer 0|1 (0: 1 puts the --api-processes behind one round-robin balancer, as `npm start -- --api N` does),
// --pgbouncer n (0: n > 0 sends the API's and workers' queries through a PgBouncer of the run's own in transaction
// mode with n server connections; try the direct run's total, --pool × (API processes + workers)).
// BENCH_PG_SETTINGS=name=value,… sets PostgreSQL settings on the run's database (ALTER DATABASE) to measure them.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { summariseProfileFile, type ProfileSummary } from './cpu-profile.js';
import { PgActivitySampler, type StatementShare } from './pg-activity.js';
import { parsePgSettings, perCommand, readPgCounters } from './pg-counters.js';
import { benchPgSettings } from './env.js';
import { People, type SchemeLane, type SelectionLane, type SharedPeople } from './actors.js';
import { numericFlags } from './args.js';
import { bullmqBaseline, pgInsertBaseline } from './baselines.js';
import { drainEffects, effectReport, queueWaits } from './effects.js';
import { HttpClient, Pacer, UnexpectedReply } from './http-client.js';
import { repoRoot, startPlatform, stopOnSignal } from './platform.js';
import { machineCpuTicks, pidsNamed, ProcSampler } from './proc-sampler.js';
import { latencyRows, machine, table, verdict, writeResult } from './report.js';
import { runSchemeCycle } from './scheme-flow.js';
import { runSelectionCycle } from './selection-flow.js';
import { LatencyRecorder } from './stats.js';

const flags = numericFlags(
  process.argv.slice(2).filter((arg) => arg !== '--'),
  {
    duration: 60,
    warmup: 10,
    users: 32,
    schemeUsers: 8,
    entries: 5,
    apiProcesses: 1,
    pool: 10,
    workerConcurrency: 8,
    baselineSeconds: 10,
    bullJobs: 20_000,
    smtpPool: 1,
    profile: 0,
    rate: 0,
    splitWorkers: 0,
    vacuumEvery: 10,
    // The caps of the apps' start scripts (scripts/start.mjs, apps/*/package.json): measure what is deployed.
    workerHeapMb: 160,
    apiHeapMb: 192,
    workers: 1,
    balancer: 0,
    pgbouncer: 0,
  },
);
const pgSettings = parsePgSettings(benchPgSettings());
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

log(
  `starting the platform (${flags.apiProcesses} API process(es)${flags.balancer === 1 ? ' behind a balancer' : ''}, ${flags.workers} worker(s), pool ${flags.pool}, ` +
    `worker concurrency ${flags.workerConcurrency}${flags.pgbouncer > 0 ? `, through PgBouncer (transaction mode, ${flags.pgbouncer} server connections)` : ''})`,
);
const profileDir = flags.profile === 1 ? join(repoRoot, 'bench', 'results', `profile-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const platform = await startPlatform({
  apiProcesses: flags.apiProcesses,
  poolSize: flags.pool,
  postgresSettings: pgSettings,
  workerConcurrency: flags.workerConcurrency,
  smtpPool: flags.smtpPool === 1,
  profileDir,
  splitWorkers: flags.splitWorkers === 1,
  ...(flags.workerHeapMb > 0 ? { workerHeapMb: flags.workerHeapMb } : {}),
  ...(flags.apiHeapMb > 0 ? { apiHeapMb: flags.apiHeapMb } : {}),
  workers: flags.workers,
  balancer: flags.balancer === 1,
  ...(flags.pgbouncer > 0 ? { pgbouncerPoolSize: flags.pgbouncer } : {}),
});
stopOnSignal(platform);
const recorder = new LatencyRecorder();
const pacer = flags.rate > 0 ? new Pacer(flags.rate) : undefined;
const clients = platform.apiUrls.map((url) => new HttpClient(url, recorder, pacer));
const failures: string[] = [];
let running = true;
let pendingResult: Record<string, unknown> | undefined;

try {
  const people = new People(platform.database.dataSource, clients[0]!);
  const provinces = await people.provinces(flags.users);
  const shared = await people.shared();
  const selectionCount = flags.users - flags.schemeUsers;
  const selectionLanes: SelectionLane[] = [];
  const schemeLanes: SchemeLane[] = [];
  for (let index = 0; index < flags.users; index++) {
    if (index < selectionCount) selectionLanes.push(await people.selectionLane(index, provinces[index]!));
    else schemeLanes.push(await people.schemeLane(index, provinces[index]!));
  }
  log(`${selectionLanes.length} selection users and ${schemeLanes.length} scheme users signed in; warming up for ${flags.warmup}s`);

  const cycles = { rounds: 0, recognised: 0, schemes: 0 };
  const onError = (error: unknown) => {
    const message = error instanceof UnexpectedReply ? error.message : String(error);
    if (failures.length < 20) failures.push(message);
  };
  const selectionUser = async (lane: SelectionLane, index: number, people_: SharedPeople) => {
    // Each user runs its province's rounds year after year: one round per (level, province, year).
    for (let year = 2027; year <= 2100 && running; year++) {
      await new Promise((resolve) => setTimeout(resolve, index)); // staggers the start
      try {
        const recognised = await runSelectionCycle(clients[index % clients.length]!, lane, people_, year, {
          entriesPerRound: flags.entries,
          running: () => running,
        });
        if (recognised > 0) {
          cycles.rounds += 1;
          cycles.recognised += recognised;
        }
      } catch (error) {
        onError(error);
      }
    }
  };
  const schemeUser = async (lane: SchemeLane, index: number, people_: SharedPeople) => {
    for (let serial = 1; running; serial++) {
      try {
        if (await runSchemeCycle(clients[index % clients.length]!, lane, people_, index * 100_000 + serial, () => running)) cycles.schemes += 1;
      } catch (error) {
        onError(error);
      }
    }
  };
  // Autovacuum stand-in: the outbox's partial index of unrelayed rows and the rewritten rows of instances, open
  // tasks and idempotency keys otherwise fill with dead entries that every poll and command walks again.
  const vacuum = async () => {
    for (const table of ['outbox', 'workflow_instances', 'open_tasks', 'idempotency_keys', 'timers', 'notifications']) {
      if (!running) return;
      await platform.database.dataSource.query(`VACUUM (ANALYZE) ${table}`);
    }
  };
  let vacuuming: Promise<void> = Promise.resolve();
  const vacuumTimer =
    flags.vacuumEvery > 0
      ? setInterval(() => {
          vacuuming = vacuuming.then(vacuum).catch(onError);
        }, flags.vacuumEvery * 1000)
      : undefined;
  const users = [
    ...selectionLanes.map((lane, index) => selectionUser(lane, index, shared)),
    ...schemeLanes.map((lane, index) => schemeUser(lane, selectionCount + index, shared)),
  ];

  await new Promise((resolve) => setTimeout(resolve, flags.warmup * 1000));
  const apiUsage = new ProcSampler(() => platform.apiPids());
  const workerUsage = new ProcSampler(() => platform.workerPids());
  // The rest of the machine: PostgreSQL's backends, Redis, and this load generator itself.
  const postgresUsage = new ProcSampler(() => pidsNamed('postgres'));
  const redisUsage = new ProcSampler(() => pidsNamed('redis-server'));
  const poolerUsage = new ProcSampler(() => platform.poolerPids());
  const benchUsage = new ProcSampler(() => [process.pid]);
  const machineBefore = machineCpuTicks();
  const before = { ...cycles };
  recorder.start();
  for (const sampler of [apiUsage, workerUsage, postgresUsage, redisUsage, poolerUsage, benchUsage]) sampler.start();
  const pgActivity = profileDir ? new PgActivitySampler(platform.database.url, platform.database.name) : undefined;
  await pgActivity?.start();
  const countersBefore = await readPgCounters(platform.database.dataSource, platform.database.name);
  const started = Date.now();
  log(`measuring for ${flags.duration}s`);
  await new Promise((resolve) => setTimeout(resolve, flags.duration * 1000));
  recorder.stop();
  const seconds = (Date.now() - started) / 1000;
  const api = apiUsage.stop();
  const worker = workerUsage.stop();
  const statements: StatementShare[] = (await pgActivity?.stop()) ?? [];
  const postgres = postgresUsage.stop();
  const redis = redisUsage.stop();
  const pgbouncer = poolerUsage.stop();
  const loadGenerator = benchUsage.stop();
  const machineAfter = machineCpuTicks();
  const machineBusyCores =
    Math.round(((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) * machine().nproc * 100) / 100;
  const during = { rounds: cycles.rounds - before.rounds, recognised: cycles.recognised - before.recognised, schemes: cycles.schemes - before.schemes };
  running = false;
  if (vacuumTimer) clearInterval(vacuumTimer);
  await Promise.all(users);
  await vacuuming;
  log('load stopped; waiting for the worker to finish the effects');

  const drainSeconds = await drainEffects(platform.database.dataSource, '0', 120);
  // After the drain: the effects of the window's commands are part of what a command costs.
  const database = perCommand(countersBefore, await readPgCounters(platform.database.dataSource, platform.database.name), recorder.total);
  const effects = await effectReport(platform.database.dataSource, '0', platform.mailsReceived(), drainSeconds);
  const waits = await queueWaits(platform.redisUrl, platform.redisPrefix, ['notifications', 'documents', 'timers']);

  log(`baselines: pg single-row INSERT commits (${flags.baselineSeconds}s, 32 clients, pool ${flags.pool}), then ${flags.bullJobs} BullMQ no-op jobs`);
  const pgCommits = await pgInsertBaseline(platform.database.url, flags.pool, 32, flags.baselineSeconds);
  const bullJobs = await bullmqBaseline(platform.redisUrl, flags.workerConcurrency, flags.bullJobs);

  const all = recorder.all();
  const commandsPerSecond = Math.round(recorder.total / seconds);
  const noLostOrDoubled =
    effects.missing === 0 &&
    effects.doubled === 0 &&
    effects.duplicateNotifications === 0 &&
    effects.emails.rows === effects.emails.sent &&
    effects.emails.messages === effects.emails.received;
  const targets = {
    commandsPerSecond: { target: '≥ 1000', value: commandsPerSecond, met: commandsPerSecond >= 1000 },
    p99CommandMs: { target: '≤ 50', value: all.p99, met: all.p99 <= 50 },
    p99EffectLagMs: { target: '≤ 250', value: effects.lagMs.p99, met: effects.lagMs.p99 <= 250 },
    noLostOrDoubledEffect: { target: 'none', value: noLostOrDoubled ? 'none' : 'SOME', met: noLostOrDoubled },
    apiPeakRssMb: { target: '< 300 per process', value: api.peakHwmMbPerProcess, met: api.peakHwmMbPerProcess < 300 },
    workerPeakRssMb: { target: '< 300', value: worker.peakHwmMbPerProcess, met: worker.peakHwmMbPerProcess < 300 },
  };
  const result = {
    kind: 'e2e',
    at: new Date().toISOString(),
    machine: machine(),
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
    flags,
    measuredSeconds: Math.round(seconds * 10) / 10,
    commands: recorder.total,
    commandsPerSecond,
    latencyMs: { all, byType: recorder.summaries() },
    errors: recorder.errorCounts(),
    failures,
    completed: during,
    effects,
    queueWaitMs: waits,
    processes: { api, worker, postgres, redis, ...(flags.pgbouncer > 0 ? { pgbouncer } : {}), loadGenerator, machineBusyCores },
    ...(statements.length > 0 ? { postgresStatements: statements } : {}),
    // CPU milliseconds per workflow command, per process group (what a command costs the machine).
    // Commits, WAL records and WAL bytes per command, its effects included (settings: BENCH_PG_SETTINGS).
    postgresPerCommand: { ...database, settings: pgSettings },
    cpuMsPerCommand: Object.fromEntries(
      Object.entries({ api, worker, postgres, redis, ...(flags.pgbouncer > 0 ? { pgbouncer } : {}), loadGenerator }).map(([name, usage]) => [
        name,
        Math.round((usage.cpuCores * 1000 * 100) / Math.max(1, recorder.total / seconds)) / 100,
      ]),
    ),
    baselines: {
      pgInsertCommitsPerSecond: pgCommits,
      bullmqNoopJobsPerSecond: bullJobs,
      ratios: {
        platformToPgCommits: Math.round((commandsPerSecond / pgCommits.perSecond) * 1000) / 1000,
        platformToBullmqJobs: Math.round((commandsPerSecond / bullJobs.perSecond) * 1000) / 1000,
      },
    },
    targets,
  };

  process.stdout.write(`\nPer command type (ms), ${result.measuredSeconds}s measured after ${flags.warmup}s warm-up, ${flags.users} users\n`);
  process.stdout.write(
    `${table(['command', 'count', 'p50', 'p95', 'p99', 'max'], [...latencyRows(result.latencyMs.byType), ['ALL', String(all.count), all.p50.toFixed(1), all.p95.toFixed(1), all.p99.toFixed(1), all.max.toFixed(1)]])}\n\n`,
  );
  process.stdout.write(
    `${table(
      ['throughput', 'per second', 'platform ÷ this'],
      [
        ['platform workflow commands (HTTP, end to end)', String(commandsPerSecond), '1.000'],
        [
          `raw pg single-row INSERT commits (32 clients, pool ${flags.pool})`,
          String(pgCommits.perSecond),
          result.baselines.ratios.platformToPgCommits.toFixed(3),
        ],
        [`raw BullMQ no-op jobs (concurrency ${flags.workerConcurrency})`, String(bullJobs.perSecond), result.baselines.ratios.platformToBullmqJobs.toFixed(3)],
      ],
    )}\n\n`,
  );
  process.stdout.write(
    `${table(
      ['target', 'wanted', 'measured', ''],
      Object.entries(targets).map(([name, t]) => [name, t.target, String(t.value), verdict(t.met)]),
    )}\n\n`,
  );
  process.stdout.write(
    `effects: ${JSON.stringify(effects.rows)}; lag p50/p95/p99 ${effects.lagMs.p50}/${effects.lagMs.p95}/${effects.lagMs.p99} ms; drained in ${effects.drainSeconds}s; e-mails ${effects.emails.sent} sent in ${effects.emails.messages} messages, ${effects.emails.received} received\n`,
  );
  process.stdout.write(
    `effect lag by type (p50/p99 ms): ${Object.entries(effects.lagMsByType)
      .map(([type, lag]) => `${type} ${lag.p50}/${lag.p99}`)
      .join(
        ', ',
      )}; of which commit → relayed ${effects.relayLagMs.p50}/${effects.relayLagMs.p99}, relayed → processed ${effects.afterRelayMs.p50}/${effects.afterRelayMs.p99}\n`,
  );
  process.stdout.write(
    `waiting in BullMQ before a worker took the job (p50/p99 ms): ${Object.entries(waits)
      .map(([queue, wait]) => `${queue} ${wait.p50}/${wait.p99}`)
      .join(', ')}\n`,
  );
  process.stdout.write(
    `cpu (cores): api ${api.cpuCores}, worker ${worker.cpuCores}, postgres ${postgres.cpuCores}, redis ${redis.cpuCores}, load generator ${loadGenerator.cpuCores}; whole machine ${machineBusyCores} of ${machine().nproc}\n`,
  );
  process.stdout.write(`cpu ms per command: ${JSON.stringify(result.cpuMsPerCommand)}; completed in the window: ${JSON.stringify(during)}\n`);
  process.stdout.write(
    `postgres per command (effects included): ${database.commits} commits, ${database.walRecords} WAL records, ${Math.round(database.walBytes)} WAL bytes` +
      `${Object.keys(pgSettings).length > 0 ? `; settings ${JSON.stringify(pgSettings)}` : ''}\n`,
  );
  if (statements.length > 0) {
    process.stdout.write(`\nPostgreSQL: share of the samples of active statements (pg_stat_activity every 5 ms)\n`);
    process.stdout.write(
      `${table(
        ['statement', 'samples', '%'],
        statements.map((share) => [share.statement.slice(0, 140), String(share.samples), share.percent.toFixed(1)]),
      )}\n`,
    );
  }
  if (failures.length > 0) process.stdout.write(`failures (first ${failures.length}):\n  ${failures.join('\n  ')}\n`);
  if (!profileDir) log(`result written to ${writeResult('e2e', result)}`);
  else pendingResult = result;
} finally {
  running = false;
  for (const client of clients) client.close();
  await platform.stop();
  if (profileDir && pendingResult) {
    // The processes write their profiles when they exit; the profile covers warm-up, load and drain.
    const profiles: Record<string, ProfileSummary> = {};
    for (const file of existsSync(profileDir) ? readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')) : []) {
      const summary = summariseProfileFile(join(profileDir, file));
      profiles[file.replace('.cpuprofile', '')] = summary;
      process.stdout.write(`\n${file}: ${Math.round(summary.busyMs)} ms busy of ${Math.round(summary.totalMs)} ms\n`);
      process.stdout.write(
        `${table(
          ['package (self time)', 'ms', '%'],
          summary.byPackage.slice(0, 15).map((share) => [share.name, String(share.ms), share.percent.toFixed(1)]),
        )}\n`,
      );
      process.stdout.write(
        `${table(
          ['function (self time)', 'ms', '%'],
          summary.byFunction.slice(0, 20).map((share) => [share.name.slice(0, 110), String(share.ms), share.percent.toFixed(1)]),
        )}\n`,
      );
    }
    log(`result written to ${writeResult('e2e', { ...pendingResult, profiles, profileDir })}`);
  }
  await platform.clearRedis();
}
