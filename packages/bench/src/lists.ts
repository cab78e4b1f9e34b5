// `pnpm --filter @khuyencong/bench bench:lists`: the searchable lists at scale (issue 14). A fresh database gets
// --establishments establishments (5,000), --entries entries (100,000) and --schemes schemes (100,000) written by SQL
// (list-seed.ts: generate_series over today's provinces, six years, every stage), then filtered, sorted and searched
// pages of GET /api/entries and GET /api/schemes are timed over HTTP as a provincial officer and as a central officer
// (p50/p99 of --samples sequential requests after a warm-up). Target: p99 ≤ 50 ms for every query. `--keep 1` leaves
// the database behind (renamed) for EXPLAIN ANALYZE in psql. Never a timed test: run it by hand on a quiet machine.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { numericFlags } from './args.js';
import { HttpClient, UnexpectedReply } from './http-client.js';
import { seedLists } from './list-seed.js';
import { keepDatabase, startPlatform, stopOnSignal } from './platform.js';
import { machine, table, verdict, writeResult } from './report.js';
import { summarise, type LatencySummary } from './stats.js';

const flags = numericFlags(
  process.argv.slice(2).filter((arg) => arg !== '--'),
  { entries: 100_000, schemes: 100_000, establishments: 5000, samples: 200, pool: 10, keep: 0 },
);
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const PASSWORD = 'Bench-Mat-khau-2026';
const TARGET_P99_MS = 50;

log('starting the platform');
const platform = await startPlatform({ apiProcesses: 1, poolSize: flags.pool, workerConcurrency: 1 });
stopOnSignal(platform);
const http = new HttpClient(platform.apiUrls[0]!);
const dataSource = platform.database.dataSource;

/** A user with the given grants, signed in: its access token. */
async function person(email: string, grants: [role: string, scopeType: string, scopeId: string | null][]): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  await dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, $3, $4)`, [
    id,
    email,
    await hash(PASSWORD),
    email.split('@')[0],
  ]);
  for (const [role, scopeType, scopeId] of grants)
    await dataSource.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`, [id, role, scopeType, scopeId]);
  const reply = await http.raw<{ accessToken: string }>('POST', '/api/auth/login', null, { email, password: PASSWORD });
  if (reply.status !== 200 && reply.status !== 201) throw new UnexpectedReply(`login ${email}`, reply.status, reply.body);
  return { id, token: reply.body.accessToken };
}

try {
  const central = await person('cuc.bench@khuyencong.vn', [['central_officer', 'national', null]]);
  log(`seeding ${flags.establishments} establishments, ${flags.entries} entries, ${flags.schemes} schemes`);
  const seeded = await seedLists(dataSource, central.id, flags);
  log(
    `seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.entries} entries, ${seeded.schemes} schemes, ${seeded.establishments} establishments over ${seeded.provinces.length} provinces`,
  );
  // The officer of the province with the most entries (a busy province, not the quietest).
  const [busiest] = await dataSource.query<{ province_code: string; entries: number }[]>(
    `SELECT province_code, count(*)::int AS entries FROM workflow_instances WHERE subject_kind = 'entry' GROUP BY province_code ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const officer = await person('so.bench@khuyencong.vn', [['provincial_officer', 'province', busiest!.province_code]]);
  const year = 2025;
  const queries: [name: string, path: string, token: string][] = [
    ['entries, officer: first page', '/api/entries?limit=20', officer.token],
    ['entries, officer: stage + year, by deadline', `/api/entries?stage=scoring&year=${year}&sort=due&limit=20`, officer.token],
    ['entries, officer: search "ca phe"', '/api/entries?q=ca%20phe&limit=20', officer.token],
    ['entries, officer: overdue, page 3', '/api/entries?deadline=overdue&limit=20&offset=40', officer.token],
    ['entries, central: first page', '/api/entries?limit=20', central.token],
    ['entries, central: search "tho cam", by product', '/api/entries?q=tho%20cam&sort=product&limit=20', central.token],
    [
      'entries, central: year + group, by establishment desc, page 11',
      `/api/entries?year=${year}&productGroup=PROCESSED_FOOD&sort=establishment&order=desc&limit=20&offset=200`,
      central.token,
    ],
    ['entries, central: search tax code', '/api/entries?q=590000123&limit=20', central.token],
    ['schemes, officer: first page', '/api/schemes?limit=20', officer.token],
    [
      'schemes, officer: source + group + year, by amount',
      `/api/schemes?fundingSource=LOCAL&contentGroupCode=CG3&year=${year}&sort=requested&limit=20`,
      officer.token,
    ],
    ['schemes, central: first page', '/api/schemes?limit=20', central.token],
    ['schemes, central: search "det tho cam"', '/api/schemes?q=det%20tho%20cam&limit=20', central.token],
    ['schemes, central: stage, by code, page 6', '/api/schemes?stage=in_progress&sort=code&limit=20&offset=100', central.token],
    ['schemes, central: year + source, by title', `/api/schemes?year=${year}&fundingSource=NATIONAL&sort=title&limit=20`, central.token],
  ];
  const timings: Record<string, LatencySummary & { total: number; totalCapped: boolean }> = {};
  for (const [name, path, token] of queries) {
    let total = 0;
    let totalCapped = false;
    for (let n = 0; n < 20; n++) {
      const reply = await http.raw<{ total: number; totalCapped: boolean }>('GET', path, token);
      if (reply.status !== 200) throw new UnexpectedReply(name, reply.status, reply.body);
      ({ total, totalCapped } = reply.body);
    }
    const samples: number[] = [];
    for (let n = 0; n < flags.samples; n++) {
      const started = performance.now();
      const reply = await http.raw('GET', path, token);
      samples.push(performance.now() - started);
      if (reply.status !== 200) throw new UnexpectedReply(name, reply.status, reply.body);
    }
    timings[name] = { ...summarise(samples), total, totalCapped };
    log(`${name}: p50 ${timings[name].p50.toFixed(1)} ms, p99 ${timings[name].p99.toFixed(1)} ms (${total}${totalCapped ? '+' : ''} matching)`);
  }
  const worst = Math.max(...Object.values(timings).map((summary) => summary.p99));
  const result = {
    kind: 'lists',
    at: new Date().toISOString(),
    machine: machine(),
    command: `pnpm --filter @khuyencong/bench bench:lists ${process.argv.slice(2).join(' ')}`.trim(),
    flags,
    seeded,
    officerProvince: busiest!.province_code,
    latencyMs: timings,
    target: { p99Ms: `≤ ${TARGET_P99_MS}`, worst, met: worst <= TARGET_P99_MS },
  };
  process.stdout.write(`\nLists at ${seeded.entries} entries and ${seeded.schemes} schemes, ${flags.samples} sequential requests each (ms)\n`);
  process.stdout.write(
    `${table(
      ['query', 'matching', 'p50', 'p95', 'p99', 'max'],
      Object.entries(timings).map(([name, s]) => [
        name,
        `${s.total}${s.totalCapped ? '+' : ''}`,
        s.p50.toFixed(1),
        s.p95.toFixed(1),
        s.p99.toFixed(1),
        s.max.toFixed(1),
      ]),
    )}\n\n`,
  );
  process.stdout.write(`worst p99 ${worst.toFixed(1)} ms, target ≤ ${TARGET_P99_MS} ms: ${verdict(worst <= TARGET_P99_MS)}\n\n`);
  log(`result written to ${writeResult('lists', result)}`);
} finally {
  http.close();
  if (flags.keep) log(`database kept: ${await keepDatabase(platform, () => dataSource.destroy())}`);
  await platform.stop();
  await platform.clearRedis();
}
