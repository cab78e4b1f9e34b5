import { type Actor as DomainActor } from '@khuyencong/domain';
import { type WorkflowRunner } from '@khuyencong/workflow';
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

interface ListedEntry {
  instance_id: string;
  version: number;
  round_id: string;
  establishment_id: string;
  product_name: string;
}

/**
 * Issues a round's recognition decision inside the caller's transaction: reserve certificate numbers from the
 * (level, year) counter, let the engine decide the whole list (each entry → recognised, with its certificate and
 * expiry timer), record the decision and its certificates, and mark the round decided. The caller has checked
 * that the actor signs for the round; any refusal throws and the caller's rollback undoes everything.
 */
export async function issueRecognitionDecision(tx: EntityManager, runner: WorkflowRunner, signer: DomainActor, round: Round, input: DecisionInput): Promise<string> {
  const [existing] = await tx.query<{ id: string }[]>(`SELECT id FROM recognition_decisions WHERE round_id = $1`, [round.id]);
  if (existing) throw conflict('DECISION_EXISTS', 'Đợt bình chọn đã có quyết định công nhận / The round already has its decision', { id: existing.id });
  const rows = await tx.query<ListedEntry[]>(
    `SELECT e.instance_id, i.version, e.round_id, e.establishment_id, e.product_name
       FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.instance_id = ANY($1::uuid[]) ORDER BY e.instance_id FOR UPDATE OF i`,
    [input.instanceIds],
  );
  const listed = new Map(rows.map((row) => [row.instance_id, row]));
  const foreign = input.instanceIds.filter((id) => listed.get(id)?.round_id !== round.id);
  if (foreign.length > 0) throw unprocessable('NOT_IN_ROUND', 'Danh sách có hồ sơ không thuộc đợt này / Entries outside this round are listed', { instanceIds: foreign });
  const year = Number(input.date.slice(0, 4));
  const numbers = await reserveCertificateNumbers(tx, round.level, year, input.instanceIds.length, round.scopeCode);
  const certificateNumbers = Object.fromEntries(input.instanceIds.map((id, index) => [id, numbers[index]!]));
  const expectedVersions = Object.fromEntries(input.instanceIds.map((id) => [id, listed.get(id)!.version]));
  const outcomes = await runner.executeBatch(
    { type: 'decide', expectedVersions, payload: { decisionNumber: input.number, decisionDate: input.date, certificateNumbers } },
    signer,
    tx,
  );
  const [decision] = await tx.query<{ id: string }[]>(
    `INSERT INTO recognition_decisions (round_id, number, decided_on, signer_user_id, issuer, entry_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [round.id, input.number, input.date, signer.userId, input.issuer ?? DEFAULT_ISSUER[round.level], input.instanceIds.length],
  );
  const certificates = outcomes.map((outcome) => {
    const certificate = outcome.state.certificate!;
    const entry = listed.get(outcome.instanceId)!;
    const sequence = Number(certificate.number.slice(certificate.number.lastIndexOf('-') + 1));
    return { ...certificate, instanceId: outcome.instanceId, sequence, establishmentId: entry.establishment_id, productName: entry.product_name };
  });
  await tx.query(
    `INSERT INTO certificates (number, level, year, sequence, instance_id, decision_id, round_id, establishment_id, product_name, issued_on, valid_until)
     SELECT c.number, c.level, $2, c.sequence, c."instanceId", $1, $3, c."establishmentId", c."productName", c."issuedOn"::date, c."validUntil"::date
       FROM jsonb_to_recordset($4::jsonb) AS c(number text, level text, sequence int, "instanceId" uuid, "establishmentId" uuid, "productName" text, "issuedOn" text, "validUntil" text)`,
    [decision!.id, year, round.id, JSON.stringify(certificates)],
  );
  await tx.query(`UPDATE rounds SET status = 'decided', updated_at = now() WHERE id = $1`, [round.id]);
  return decision!.id;
}
