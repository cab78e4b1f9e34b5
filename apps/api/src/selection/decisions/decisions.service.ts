import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { AuditService } from '../../audit/audit.service.js';
import { type Actor } from '../../common/actor.js';
import { toHttpError } from '../../workflow/domain-errors.js';
import { requireRound, type Round } from '../rounds/round-store.js';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { DEFAULT_ISSUER, reserveCertificateNumbers } from './certificate-numbers.js';
import { type DecisionBody, type DecisionView } from './dto.js';

interface ListedEntry {
  instance_id: string;
  version: number;
  round_id: string;
  establishment_id: string;
  product_name: string;
}

/** Whether the actor signs decisions for this round: the signer of the round's unit (national for higher rounds). */
export function signsFor(actor: Actor, round: Round): boolean {
  if (round.level === 'region' || round.level === 'national') return actor.grants.some((grant) => grant.role === 'signer' && grant.scopeType === 'national');
  return holds(actor, ['signer'], round.level === 'commune' ? { communeCode: round.scopeCode } : { provinceCode: round.scopeCode });
}

/** The recognition decision of a round: one per round, all of its list or nothing. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly audit: AuditService,
  ) {}

  /**
   * In one transaction: reserve certificate numbers from the (level, year) counter, let the engine decide the
   * whole list (each entry → recognised, with its certificate and expiry timer), record the decision and its
   * certificates, and mark the round decided. Any refusal rolls everything back, numbers included.
   */
  async decide(actor: Actor, roundId: string, body: DecisionBody): Promise<DecisionView> {
    try {
      await this.dataSource.transaction(async (tx) => {
        const round = await requireRound(tx, roundId, true);
        if (!signsFor(actor, round)) throw forbidden('Bạn không ký quyết định của đợt này / You do not sign this round’s decisions');
        const [existing] = await tx.query<{ id: string }[]>(`SELECT id FROM recognition_decisions WHERE round_id = $1`, [roundId]);
        if (existing) throw conflict('DECISION_EXISTS', 'Đợt bình chọn đã có quyết định công nhận / The round already has its decision', { id: existing.id });
        const listed = await this.lockListed(tx, body.instanceIds);
        const foreign = body.instanceIds.filter((id) => listed.get(id)?.round_id !== roundId);
        if (foreign.length > 0) throw unprocessable('NOT_IN_ROUND', 'Danh sách có hồ sơ không thuộc đợt này / Entries outside this round are listed', { instanceIds: foreign });
        const year = Number(body.date.slice(0, 4));
        const numbers = await reserveCertificateNumbers(tx, round.level, year, body.instanceIds.length, round.scopeCode);
        const certificateNumbers = Object.fromEntries(body.instanceIds.map((id, index) => [id, numbers[index]!]));
        const expectedVersions = Object.fromEntries(body.instanceIds.map((id) => [id, listed.get(id)!.version]));
        const outcomes = await this.runner.executeBatch(
          { type: 'decide', expectedVersions, payload: { decisionNumber: body.number, decisionDate: body.date, certificateNumbers } },
          toDomainActor(actor.userId, actor.grants),
          tx,
        );
        const issuer = body.issuer ?? DEFAULT_ISSUER[round.level];
        const [decision] = await tx.query<{ id: string }[]>(
          `INSERT INTO recognition_decisions (round_id, number, decided_on, signer_user_id, issuer, entry_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [roundId, body.number, body.date, actor.userId, issuer, body.instanceIds.length],
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
          [decision!.id, year, roundId, JSON.stringify(certificates)],
        );
        await tx.query(`UPDATE rounds SET status = 'decided', updated_at = now() WHERE id = $1`, [roundId]);
        await this.audit.record(
          { actorUserId: actor.userId, action: 'round.decide', targetType: 'round', targetId: roundId, details: { number: body.number, date: body.date, count: certificates.length } },
          tx,
        );
      });
    } catch (error) {
      throw toHttpError(error);
    }
    return this.get(roundId);
  }

  /** The decision and its list (decisions are public acts; any signed-in user may read them). */
  async get(roundId: string): Promise<DecisionView> {
    const [decision] = await this.dataSource.query<{ id: string; number: string; decided_on: string; issuer: string; signer_user_id: string | null }[]>(
      `SELECT id, number, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, issuer, signer_user_id FROM recognition_decisions WHERE round_id = $1`,
      [roundId],
    );
    if (!decision) throw notFound('Đợt bình chọn chưa có quyết định / The round has no decision yet');
    const items = await this.dataSource.query<{ instance_id: string; number: string; product_name: string; establishment_id: string; establishment_name: string; province_code: string | null; status: string; valid_until: string }[]>(
      `SELECT c.instance_id, c.number, c.product_name, c.establishment_id, o.name AS establishment_name, o.province_code, c.status, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM certificates c JOIN organisations o ON o.id = c.establishment_id WHERE c.decision_id = $1 ORDER BY c.sequence`,
      [decision.id],
    );
    return {
      id: decision.id,
      roundId,
      number: decision.number,
      date: decision.decided_on,
      issuer: decision.issuer,
      signerUserId: decision.signer_user_id,
      productCount: items.length,
      establishmentCount: new Set(items.map((item) => item.establishment_id)).size,
      provinceCount: new Set(items.map((item) => item.province_code)).size,
      items: items.map((item) => ({
        instanceId: item.instance_id,
        certificateNumber: item.number,
        productName: item.product_name,
        establishmentId: item.establishment_id,
        establishmentName: item.establishment_name,
        provinceCode: item.province_code,
        status: item.status,
        validUntil: item.valid_until,
      })),
    };
  }

  private async lockListed(tx: EntityManager, ids: string[]): Promise<Map<string, ListedEntry>> {
    const rows = await tx.query<ListedEntry[]>(
      `SELECT e.instance_id, i.version, e.round_id, e.establishment_id, e.product_name
         FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.instance_id = ANY($1::uuid[]) ORDER BY e.instance_id FOR UPDATE OF i`,
      [ids],
    );
    return new Map(rows.map((row) => [row.instance_id, row]));
  }
}
