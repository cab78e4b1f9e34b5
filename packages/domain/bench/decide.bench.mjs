// Micro-benchmark of the pure engine: drives product-selection entries through their whole life (submit,
// accept, assign judges, three sheets, assign council, three votes, decision) and times `decide` alone.
// Run with `pnpm --filter @khuyencong/domain bench` (builds dist first). Single thread, one core.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createInstance, calendarDataFromStored, createWorkingCalendar, decide, productSelection } from '../dist/index.js';

// The project's one calendar source, as the database seed loads it.
const calendarFile = JSON.parse(readFileSync(new URL('../../persistence/data/calendar.json', import.meta.url), 'utf8'));
const calendar = createWorkingCalendar(calendarDataFromStored(calendarFile.calendars[0]));
const subject = { establishmentId: 'est-1', communeCode: 'c-1', provinceCode: 'p-66', regionCode: 'CENTRAL_HIGHLANDS' };
const grant = (role, type, id) => ({ role, scope: { type, id } });
const applicant = { userId: 'applicant-1', roles: [grant('applicant', 'establishment', 'est-1')] };
const officer = { userId: 'officer-1', roles: [grant('provincial_officer', 'province', 'p-66')] };
const signer = { userId: 'signer-1', roles: [grant('signer', 'province', 'p-66')] };
const judge = (id) => ({ userId: id, roles: [grant('judge', 'national', 'VN')] });
const member = (id, role = 'council_member') => ({ userId: id, roles: [grant(role, 'national', 'VN')] });
const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 4 };
const points = { MARKET: 33.5, ECON_TECH_SOC_ENV: 31.25, CULTURE_AESTHETIC: 8, OTHER: 9 };
const now = '2025-03-03T02:00:00.000Z';

/** The commands of one entry's life, each with its actor. */
const script = [
  ['submit', applicant, { dossier }],
  ['accept', officer, {}],
  ['assign_judges', officer, { judges: ['j1', 'j2', 'j3'] }],
  ['score', judge('j1'), { points }],
  ['score', judge('j2'), { points }],
  ['score', judge('j3'), { points }],
  ['assign_council', officer, { members: ['m1', 'm2', 'chair'], chair: 'chair' }],
  ['vote', member('m1'), { vote: 'approve' }],
  ['vote', member('m2'), { vote: 'approve' }],
  ['vote', member('chair', 'council_chair'), { vote: 'approve' }],
  ['decide', signer, { decisionNumber: '15/QĐ-SCT', decisionDate: '2025-03-03' }],
];
const contexts = script.map(([, actor]) => ({ now, actor, calendar }));
const round = { roundId: 'province-2025', level: 'province', year: 2025 };

function runEntries(count) {
  let commands = 0;
  let elapsed = 0n;
  for (let i = 0; i < count; i += 1) {
    let state = createInstance(productSelection, { instanceId: `e-${i}`, subject, round }, { now, actor: applicant, calendar }).state;
    for (let step = 0; step < script.length; step += 1) {
      const [type, , payload] = script[step];
      const started = process.hrtime.bigint();
      state = decide(productSelection, state, { type, expectedVersion: state.version, payload }, contexts[step]).state;
      elapsed += process.hrtime.bigint() - started;
      commands += 1;
    }
    if (state.stage !== 'recognised') throw new Error(`entry ended in ${state.stage}`);
  }
  return { commands, seconds: Number(elapsed) / 1e9 };
}

runEntries(2_000); // warm-up: let the JIT settle
const runs = [1, 2, 3].map(() => runEntries(20_000));
const best = runs.reduce((a, b) => (a.commands / a.seconds > b.commands / b.seconds ? a : b));
const median = runs.map((run) => run.commands / run.seconds).sort((a, b) => a - b)[1];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`decide: ${runs[0].commands} commands per run, 3 runs`);
console.log(
  `median ${Math.round(median).toLocaleString('en-US')} commands/s, best ${Math.round(best.commands / best.seconds).toLocaleString('en-US')} commands/s`,
);
console.log(`node ${process.version}, ${os.cpus().length} cores (${cpu}), single thread`);
if (median < 100_000) {
  console.error('below the 100,000 commands/s target');
  process.exitCode = 1;
}
