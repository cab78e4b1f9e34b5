// `pnpm --filter @khuyencong/bench bench:read`: the read path at scale. Entries and schemes are made through the
// API at several stages (templates), cloned in bulk to --entries / --schemes each (100,000), then the inbox, the
// entry and scheme lists and the plan-vs-actual report are timed over HTTP (p50/p99 of --samples sequential
// requests after a warm-up), and --pdfs certificate PDFs (1,000) are rendered and timed. `--keep 1` leaves the loaded
// database behind (renamed, so the platform's clean-up does not drop it) and prints its URL, for EXPLAIN in psql.
import { renderCertificatePdf } from '@khuyencong/certificates';
import { People } from './actors.js';
import { numericFlags } from './args.js';
import { cloneInstances } from './bulk-load.js';
import { commandHeaders, HttpClient } from './http-client.js';
import { keepDatabase, startPlatform, stopOnSignal } from './platform.js';
import { machine, table, verdict, writeResult } from './report.js';
import { runSchemeCycle } from './scheme-flow.js';
import { runSelectionCycle } from './selection-flow.js';
import { LatencyRecorder, summarise, type LatencySummary } from './stats.js';

const flags = numericFlags(
  process.argv.slice(2).filter((arg) => arg !== '--'),
  { entries: 100_000, schemes: 100_000, samples: 200, pdfs: 1000, provinces: 8, pool: 10, keep: 0 },
);
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const DAY = 86_400_000;

log('starting the platform');
const platform = await startPlatform({ apiProcesses: 1, poolSize: flags.pool, workerConcurrency: 8 });
stopOnSignal(platform);
const setupRecorder = new LatencyRecorder();
const http = new HttpClient(platform.apiUrls[0]!, setupRecorder);
const dataSource = platform.database.dataSource;

try {
  const people = new People(dataSource, http);
  const provinces = await people.provinces(flags.provinces * 2);
  const shared = await people.shared();
  const year = new Date().getUTCFullYear();
  let officerToken = '';
  let schemeToken = '';
  // Templates: per province a recognised round, and a round with entries in screening and in scoring (judges' tasks).
  for (let index = 0; index < flags.provinces; index++) {
    const lane = await people.selectionLane(index, provinces[index]!);
    officerToken ||= lane.officer;
    await runSelectionCycle(http, lane, shared, 2030, { entriesPerRound: 2, running: () => true });
    const now = Date.now();
    const round = await http.timed<{ id: string }>('round', 'POST', '/api/rounds', lane.officer, {
      name: `Đợt ${year}`,
      level: 'province',
      year,
      scopeCode: lane.province,
      registrationOpensAt: new Date(now - DAY).toISOString(),
      registrationClosesAt: new Date(now + 30 * DAY).toISOString(),
    });
    await http.timed('open', 'POST', `/api/rounds/${round.id}/status`, lane.officer, { status: 'open' });
    for (let n = 0; n < 4; n++) {
      const created = await http.timed<{ instanceId: string; instance: { version: number } }>(
        'entry',
        'POST',
        `/api/rounds/${round.id}/entries`,
        lane.applicant,
        {
          establishmentId: lane.establishmentId,
          productName: `Sản phẩm ${n}`,
          productGroup: 'HANDICRAFT',
          dossier: lane.dossier,
        },
      );
      if (n === 0) continue; // stays a draft
      const submitted = await http.timed<{ instance: { version: number } }>(
        'submit',
        'POST',
        `/api/entries/${created.instanceId}/submit`,
        lane.applicant,
        undefined,
        commandHeaders(created.instance.version),
      );
      if (n === 1) continue; // waits in screening
      await http.timed(
        'accept',
        'POST',
        `/api/instances/${created.instanceId}/commands/accept`,
        lane.officer,
        { payload: {} },
        commandHeaders(submitted.instance.version),
      );
    }
    await http.timed('jury', 'PUT', `/api/rounds/${round.id}/jury`, lane.officer, { judges: shared.judges });
  }
  for (let index = flags.provinces; index < flags.provinces * 2; index++) {
    const lane = await people.schemeLane(index, provinces[index]!);
    schemeToken ||= lane.appraiser;
    await runSchemeCycle(http, lane, shared, index, () => true);
    // One stopped half-way (in progress, with an advance): stop after the first disbursement.
    let steps = 0;
    await runSchemeCycle(http, lane, shared, 1000 + index, () => steps++ < 5);
  }
  log(`templates made; cloning to ${flags.entries} entries and ${flags.schemes} schemes`);
  const entrySeconds = await cloneInstances(dataSource, 'entry', flags.entries);
  const schemeSeconds = await cloneInstances(dataSource, 'scheme', flags.schemes);
  const [counts] = await dataSource.query<{ entries: number; schemes: number; tasks: number; disbursements: number }[]>(
    `SELECT (SELECT count(*) FROM entries)::int AS entries, (SELECT count(*) FROM schemes)::int AS schemes, (SELECT count(*) FROM open_tasks)::int AS tasks,
            (SELECT count(*) FROM disbursements)::int AS disbursements`,
  );
  log(`loaded in ${entrySeconds + schemeSeconds}s: ${JSON.stringify(counts)}`);

  const queries: [string, string, string][] = [
    ['inbox (provincial officer)', '/api/inbox', officerToken],
    ['inbox (judge, assigned tasks)', '/api/inbox', shared.tokens.judges[0]!],
    ['entry list (provincial officer)', '/api/entries?limit=100', officerToken],
    ['entry list, stage filter', '/api/entries?stage=screening&limit=100', officerToken],
    ['scheme list (province)', `/api/schemes?year=${year}&limit=50`, schemeToken],
    ['report plan-vs-actual by province', `/api/reports/plan-vs-actual?year=${year}&groupBy=province`, schemeToken],
    ['report plan-vs-actual by source', `/api/reports/plan-vs-actual?year=${year}`, schemeToken],
  ];
  const timings: Record<string, LatencySummary> = {};
  for (const [name, path, token] of queries) {
    for (let n = 0; n < 20; n++) await http.timed(name, 'GET', path, token);
    const samples: number[] = [];
    for (let n = 0; n < flags.samples; n++) {
      const started = performance.now();
      await http.timed(name, 'GET', path, token);
      samples.push(performance.now() - started);
    }
    timings[name] = summarise(samples);
  }

  log(`rendering ${flags.pdfs} certificate PDFs`);
  const pdfStarted = performance.now();
  let bytes = 0;
  for (let n = 1; n <= flags.pdfs; n++) {
    const pdf = await renderCertificatePdf({
      number: `T-GL-2026-${String(n).padStart(4, '0')}`,
      level: 'province',
      productName: `Thổ cẩm dệt tay Ia Mơ Nông – mẫu ${n}`,
      establishmentName: 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông',
      location: 'tỉnh Gia Lai',
      issuedOn: '2026-05-15',
      validUntil: '2029-12-31',
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2026-05-15',
      issuer: 'Ủy ban nhân dân tỉnh Gia Lai',
      publicBaseUrl: 'https://khuyencong.example.vn',
    });
    bytes += pdf.length;
  }
  const pdfSeconds = (performance.now() - pdfStarted) / 1000;

  const worst = (prefix: string) =>
    Math.max(
      ...Object.entries(timings)
        .filter(([name]) => name.startsWith(prefix))
        .map(([, s]) => s.p99),
    );
  const targets = {
    inboxP99Ms: { target: '≤ 30', value: worst('inbox'), met: worst('inbox') <= 30 },
    listP99Ms: { target: '≤ 30', value: Math.max(worst('entry list'), worst('scheme list')), met: Math.max(worst('entry list'), worst('scheme list')) <= 30 },
    reportP99Ms: { target: '≤ 100', value: worst('report'), met: worst('report') <= 100 },
    pdfsSeconds: { target: `${flags.pdfs} in ≤ 30`, value: Math.round(pdfSeconds * 10) / 10, met: pdfSeconds <= 30 },
  };
  const result = {
    kind: 'read',
    at: new Date().toISOString(),
    machine: machine(),
    command: `pnpm --filter @khuyencong/bench bench:read ${process.argv.slice(2).join(' ')}`.trim(),
    flags,
    loaded: { ...counts, seconds: entrySeconds + schemeSeconds },
    latencyMs: timings,
    pdfs: {
      count: flags.pdfs,
      seconds: Math.round(pdfSeconds * 100) / 100,
      perSecond: Math.round(flags.pdfs / pdfSeconds),
      averageBytes: flags.pdfs ? Math.round(bytes / flags.pdfs) : 0,
    },
    targets,
  };
  process.stdout.write(
    `\nRead path at ${counts!.entries} entries and ${counts!.schemes} schemes (${counts!.tasks} open tasks), ${flags.samples} sequential requests each (ms)\n`,
  );
  process.stdout.write(
    `${table(
      ['query', 'p50', 'p95', 'p99', 'max'],
      Object.entries(timings).map(([name, s]) => [name, s.p50.toFixed(1), s.p95.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1)]),
    )}\n\n`,
  );
  process.stdout.write(`certificate PDFs: ${flags.pdfs} in ${result.pdfs.seconds}s (${result.pdfs.perSecond}/s, ${result.pdfs.averageBytes} bytes each)\n\n`);
  process.stdout.write(
    `${table(
      ['target', 'wanted', 'measured', ''],
      Object.entries(targets).map(([name, t]) => [name, t.target, String(t.value), verdict(t.met)]),
    )}\n\n`,
  );
  log(`result written to ${writeResult('read', result)}`);
} finally {
  http.close();
  if (flags.keep) log(`database kept: ${await keepDatabase(platform, () => dataSource.destroy())}`);
  await platform.stop();
  await platform.clearRedis();
}
