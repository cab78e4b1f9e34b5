// One scheme of a virtual user, local funds, from draft to closing over HTTP: submission, base appraisal, the
// provincial plan approval (batch), contract, progress, an advance after half the work, payment, completion, the
// acceptance council and settlement.
import { type SchemeLane, type SharedPeople } from './actors.js';
import { commandHeaders, type HttpClient } from './http-client.js';

interface SchemeReply {
  id: string;
  version: number;
  stage: string;
}

/** Runs one scheme to closing; returns false if the run ended before it closed. */
export async function runSchemeCycle(http: HttpClient, lane: SchemeLane, people: SharedPeople, serial: number, running: () => boolean): Promise<boolean> {
  const year = new Date().getUTCFullYear();
  let scheme = await http.timed<SchemeReply>('scheme.create', 'POST', '/api/schemes', lane.implementer, {
    title: `Hạ tầng cụm công nghiệp số ${serial}`,
    implementingUnitId: lane.centreId,
    contentGroupCode: 'CG4',
    subActivity: 'INDUSTRIAL_CLUSTER_WORKS',
    fundingSource: 'LOCAL',
    year,
    provinceCode: lane.province,
    location: `Cụm công nghiệp số ${serial}`,
    budgetLines: [{ activityCode: 'INDUSTRIAL_CLUSTER_WORKS', description: 'Trạm xử lý nước thải', eligibleCost: 2_000_000_000, supportAmount: 1_000_000_000 }],
  });
  const act = async (token: string, type: string, payload: Record<string, unknown> = {}) => {
    const reply = await http.timed<{ scheme: SchemeReply }>(
      `scheme.${type}`,
      'POST',
      `/api/schemes/${scheme.id}/commands/${type}`,
      token,
      { payload },
      commandHeaders(scheme.version),
    );
    scheme = reply.scheme;
  };
  const steps: [string, string, Record<string, unknown>?][] = [
    [lane.implementer, 'submit'],
    [lane.appraiser, 'pass', { approvedAmount: 1_000_000_000 }],
  ];
  for (const [token, type, payload] of steps) {
    if (!running()) return false;
    await act(token, type, payload);
  }
  const approved = await http.timed<SchemeReply[]>('scheme.approve_plan', 'POST', '/api/schemes/local-plan-approvals', lane.signer, {
    items: [{ schemeId: scheme.id, version: scheme.version }],
  });
  scheme = approved[0]!;
  const rest: [string, string, Record<string, unknown>?][] = [
    [lane.appraiser, 'contract', { contractNumber: `HĐ ${serial}/KC-ĐP` }],
    [lane.implementer, 'record_progress', { progressPercent: 60 }],
    [lane.implementer, 'record_disbursement', { kind: 'advance', amount: 300_000_000 }],
    [lane.implementer, 'record_disbursement', { kind: 'payment', amount: 600_000_000 }],
    [lane.implementer, 'complete'],
    [lane.appraiser, 'assign_council', people.council],
    [people.tokens.member1, 'vote', { vote: 'approve' }],
    [people.tokens.member2, 'vote', { vote: 'approve' }],
    [people.tokens.chair, 'vote', { vote: 'approve' }],
    [lane.appraiser, 'settle', { settledAmount: 950_000_000 }],
  ];
  for (const [token, type, payload] of rest) {
    if (!running()) return false;
    await act(token, type, payload);
  }
  return scheme.stage === 'closed';
}
