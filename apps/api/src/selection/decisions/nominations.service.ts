import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { AuditService } from '../../audit/audit.service.js';
import { type Actor } from '../../common/actor.js';
import { NEXT_LEVEL, requireRound, roundInfo } from '../rounds/round-store.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { type NominationBody, type NominationResult } from './dto.js';
import { runKeyed } from '../../workflow/idempotent-request.js';

interface SourceRow {
  instance_id: string;
  state: InstanceState;
  round_id: string;
  establishment_id: string;
  product_name: string;
  product_group: string;
  dossier: Record<string, unknown>;
  certificate_number: string | null;
  certificate_status: string | null;
  valid_until: string | null;
}

/** The province nominates its recognised products into the next level's round, reusing their dossiers. */
@Injectable()
export class NominationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: WorkflowRunner,
    private readonly audit: AuditService,
  ) {}

  /**
   * One transaction: the engine records the nomination on every listed entry (same round, within the quota),
   * and each gets a draft entry in the target round carrying its certificate (checked again when submitted).
   */
  async nominate(actor: Actor, targetRoundId: string, body: NominationBody, key?: string): Promise<{ body: NominationResult; replayed: boolean }> {
    const keyed = { userId: actor.userId, key, request: { route: 'POST /api/rounds/{id}/nominations', params: { id: targetRoundId }, body } };
    return this.dataSource.transaction((tx) => runKeyed(tx, keyed, 201, async () => {
      const target = await requireRound(tx, targetRoundId, true);
      if (target.level === 'commune') throw unprocessable('NOT_A_NOMINATION_ROUND', 'Chỉ đề cử vào đợt cấp tỉnh, khu vực hoặc quốc gia / Nominations go to provincial, regional or national rounds');
      if (target.status !== 'planned' && target.status !== 'open') throw conflict('ROUND_NOT_OPEN', 'Đợt bình chọn không nhận đề cử / The round takes no nominations');
      const rows = await tx.query<SourceRow[]>(
        `SELECT e.instance_id, i.state, e.round_id, e.establishment_id, e.product_name, e.product_group, e.dossier,
                c.number AS certificate_number, c.status AS certificate_status, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until
           FROM entries e JOIN workflow_instances i ON i.id = e.instance_id LEFT JOIN certificates c ON c.instance_id = e.instance_id
          WHERE e.instance_id = ANY($1::uuid[]) ORDER BY e.instance_id FOR UPDATE OF i`,
        [body.instanceIds],
      );
      const byId = new Map(rows.map((row) => [row.instance_id, row]));
      const unseen = body.instanceIds.filter((id) => {
        const row = byId.get(id);
        if (!row) return true;
        // The province nominates; a commune round's products may also be nominated by that commune's officer.
        if (holds(actor, ['provincial_officer'], { provinceCode: row.state.subject.provinceCode })) return false;
        return !(row.state.round?.level === 'commune' && holds(actor, ['commune_officer'], { communeCode: row.state.subject.communeCode }));
      });
      if (unseen.length > 0) throw notFound('Không tìm thấy hồ sơ / Entries not found');
      const problems = rows.flatMap((row) => {
        if (row.state.round === null || NEXT_LEVEL[row.state.round.level] !== target.level) return [{ instanceId: row.instance_id, problem: 'not a round of the level below' }];
        if (target.level === 'region' && row.state.subject.regionCode !== target.scopeCode) return [{ instanceId: row.instance_id, problem: 'another region' }];
        if (target.level === 'province' && row.state.subject.provinceCode !== target.scopeCode) return [{ instanceId: row.instance_id, problem: 'another province' }];
        if (row.certificate_status !== 'valid') return [{ instanceId: row.instance_id, problem: 'no valid certificate' }];
        return [];
      });
      if (problems.length > 0) throw unprocessable('NOMINATION_INVALID', 'Hồ sơ không đủ điều kiện đề cử / Entries cannot be nominated', { problems });
      // Nominated once is nominated: a second nomination of the same entry into the same round is a conflict.
      const nominatedBefore = await tx.query<{ nominated_from: string; instance_id: string }[]>(
        `SELECT nominated_from, instance_id FROM entries WHERE round_id = $1 AND nominated_from = ANY($2::uuid[]) ORDER BY nominated_from`,
        [targetRoundId, body.instanceIds],
      );
      if (nominatedBefore.length > 0) {
        throw conflict('ALREADY_NOMINATED', 'Sản phẩm đã được đề cử vào đợt này / These entries are already nominated to the round', {
          entries: nominatedBefore.map((row) => ({ instanceId: row.nominated_from, nominatedInstanceId: row.instance_id })),
        });
      }
      const sourceRoundId = rows[0]!.round_id;
      const [{ already }] = await tx.query<[{ already: number }]>(
        `SELECT count(*)::int AS already FROM entries n JOIN entries s ON s.instance_id = n.nominated_from WHERE n.round_id = $1 AND s.round_id = $2`,
        [targetRoundId, sourceRoundId],
      );
      const domainActor = toDomainActor(actor.userId, actor.grants);
      await this.runner.executeBatch(
        {
          type: 'nominate',
          expectedVersions: Object.fromEntries(rows.map((row) => [row.instance_id, row.state.version])),
          payload: { targetRoundId, alreadyNominated: already },
        },
        domainActor,
        tx,
      );
      const nominated: NominationResult['nominated'] = [];
      for (const row of rows) {
        const outcome = await this.runner.start(
          'product-selection',
          {
            subject: row.state.subject,
            attributes: {
              productGroup: row.product_group,
              productName: row.product_name,
              lowerCertificateLevel: row.state.round!.level,
              lowerCertificateNumber: row.certificate_number,
              lowerCertificateValidUntil: row.valid_until,
            },
            round: roundInfo(target),
          },
          domainActor,
          tx,
        );
        await tx.query(
          `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, nominated_from, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [outcome.instanceId, targetRoundId, row.establishment_id, row.product_name, row.product_group, JSON.stringify(row.dossier), row.instance_id, actor.userId],
        );
        nominated.push({ sourceInstanceId: row.instance_id, instanceId: outcome.instanceId, certificateNumber: row.certificate_number! });
      }
      await this.audit.record({ actorUserId: actor.userId, action: 'round.nominate', targetType: 'round', targetId: targetRoundId, details: { count: nominated.length, sourceRoundId } }, tx);
      return { targetRoundId, nominated };
    }));
  }
}
