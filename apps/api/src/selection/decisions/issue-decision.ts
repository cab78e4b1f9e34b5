import { type Actor as DomainActor } from '@khuyencong/domain';
import { type WorkflowRunner } from '@khuyencong/workflow';
import { DecisionStore, RoundStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { type Round } from '../rounds/round-store.js';
import { conflict, unprocessable } from '../shared/errors.js';
import { DEFAULT_ISSUER, reserveCertificateNumbers } from './certificate-numbers.js';

export interface DecisionInput {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  issuer?: string | undefined;
  instanceIds: string[];
}

const decisions = new DecisionStore();
const rounds = new RoundStore();

/**
 * Issues a round's recognition decision inside the caller's transaction: reserve certificate numbers from the
 * (level, year) counter, let the engine decide the whole list (each entry → recognised, with its certificate and
 * expiry timer), record the decision and its certificates, and mark the round decided. The caller has checked
 * that the actor signs for the round; any refusal throws and the caller's rollback undoes everything.
 */
export async function issueRecognitionDecision(
  tx: EntityManager,
  runner: WorkflowRunner,
  signer: DomainActor,
  round: Round,
  input: DecisionInput,
): Promise<string> {
  const existing = await decisions.findIdByRound(tx, round.id);
  if (existing) throw conflict('DECISION_EXISTS', 'Đợt bình chọn đã có quyết định công nhận / The round already has its decision', { id: existing });
  const rows = await decisions.lockListedEntries(tx, input.instanceIds);
  const listed = new Map(rows.map((row) => [row.instanceId, row]));
  const foreign = input.instanceIds.filter((id) => listed.get(id)?.roundId !== round.id);
  if (foreign.length > 0)
    throw unprocessable('NOT_IN_ROUND', 'Danh sách có hồ sơ không thuộc đợt này / Entries outside this round are listed', { instanceIds: foreign });
  const year = Number(input.date.slice(0, 4));
  const numbers = await reserveCertificateNumbers(tx, round.level, year, input.instanceIds.length, round.scopeCode);
  const certificateNumbers = Object.fromEntries(input.instanceIds.map((id, index) => [id, numbers[index]!]));
  const expectedVersions = Object.fromEntries(input.instanceIds.map((id) => [id, listed.get(id)!.version]));
  const outcomes = await runner.executeBatch(
    { type: 'decide', expectedVersions, payload: { decisionNumber: input.number, decisionDate: input.date, certificateNumbers } },
    signer,
    tx,
  );
  const decisionId = await decisions.insert(tx, {
    roundId: round.id,
    number: input.number,
    decidedOn: input.date,
    signerUserId: signer.userId,
    issuer: input.issuer ?? DEFAULT_ISSUER[round.level],
    entryCount: input.instanceIds.length,
  });
  const certificates = outcomes.map((outcome) => {
    const certificate = outcome.state.certificate!;
    const entry = listed.get(outcome.instanceId)!;
    const sequence = Number(certificate.number.slice(certificate.number.lastIndexOf('-') + 1));
    return { ...certificate, instanceId: outcome.instanceId, sequence, establishmentId: entry.establishmentId, productName: entry.productName };
  });
  await decisions.insertCertificates(tx, decisionId, year, round.id, certificates);
  await rounds.markDecided(tx, round.id);
  return decisionId;
}
