import { Injectable } from '@nestjs/common';
import { type InstanceState } from '@khuyencong/domain';
import { NominationStore } from '@khuyencong/persistence';
import { WorkflowRunner, toDomainActor } from '@khuyencong/workflow';
import { CommandPipeline } from '../../workflow/command-pipeline.js';
import { type Actor } from '../../common/actor.js';
import { NEXT_LEVEL, requireRound, roundInfo } from '../rounds/round-store.js';
import { conflict, notFound, unprocessable } from '../shared/errors.js';
import { holds } from '../shared/scope.js';
import { type NominationBody, type NominationResult } from './dto.js';

/** The province nominates its recognised products into the next level's round, reusing their dossiers. */
@Injectable()
export class NominationsService {
  private readonly nominations = new NominationStore();

  constructor(
    private readonly runner: WorkflowRunner,
    private readonly pipeline: CommandPipeline,
  ) {}

  /**
   * One transaction: the engine records the nomination on every listed entry (same round, within the quota),
   * and each gets a draft entry in the target round carrying its certificate (checked again when submitted).
   */
  async nominate(actor: Actor, targetRoundId: string, body: NominationBody, key?: string): Promise<{ body: NominationResult; replayed: boolean }> {
    const keyed = { userId: actor.userId, key, request: { route: 'POST /api/rounds/{id}/nominations', params: { id: targetRoundId }, body } };
    let sourceRoundId: string | undefined;
    return this.pipeline.run({
      name: 'nominate',
      actor,
      keyed,
      status: 201,
      audit: (result: NominationResult) => ({
        action: 'round.nominate',
        targetType: 'round',
        targetId: targetRoundId,
        details: { count: result.nominated.length, sourceRoundId },
      }),
      work: async (tx) => {
        const target = await requireRound(tx, targetRoundId, true);
        if (target.level === 'commune')
          throw unprocessable(
            'NOT_A_NOMINATION_ROUND',
            'Chỉ đề cử vào đợt cấp tỉnh, khu vực hoặc quốc gia / Nominations go to provincial, regional or national rounds',
          );
        if (target.status !== 'planned' && target.status !== 'open')
          throw conflict('ROUND_NOT_OPEN', 'Đợt bình chọn không nhận đề cử / The round takes no nominations');
        const rows = await this.nominations.lockSources<InstanceState>(tx, body.instanceIds);
        const byId = new Map(rows.map((row) => [row.instanceId, row]));
        const unseen = body.instanceIds.filter((id) => {
          const row = byId.get(id);
          if (!row) return true;
          // The province nominates; a commune round's products may also be nominated by that commune's officer.
          if (holds(actor, ['provincial_officer'], { provinceCode: row.state.subject.provinceCode })) return false;
          return !(row.state.round?.level === 'commune' && holds(actor, ['commune_officer'], { communeCode: row.state.subject.communeCode }));
        });
        if (unseen.length > 0) throw notFound('Không tìm thấy hồ sơ / Entries not found');
        const problems = rows.flatMap((row) => {
          if (row.state.round === null || NEXT_LEVEL[row.state.round.level] !== target.level)
            return [{ instanceId: row.instanceId, problem: 'not a round of the level below' }];
          if (target.level === 'region' && row.state.subject.regionCode !== target.scopeCode)
            return [{ instanceId: row.instanceId, problem: 'another region' }];
          if (target.level === 'province' && row.state.subject.provinceCode !== target.scopeCode)
            return [{ instanceId: row.instanceId, problem: 'another province' }];
          if (row.certificateStatus !== 'valid') return [{ instanceId: row.instanceId, problem: 'no valid certificate' }];
          return [];
        });
        if (problems.length > 0) throw unprocessable('NOMINATION_INVALID', 'Hồ sơ không đủ điều kiện đề cử / Entries cannot be nominated', { problems });
        // Nominated once is nominated: a second nomination of the same entry into the same round is a conflict.
        const nominatedBefore = await this.nominations.findNominatedInto(tx, targetRoundId, body.instanceIds);
        if (nominatedBefore.length > 0) {
          throw conflict('ALREADY_NOMINATED', 'Sản phẩm đã được đề cử vào đợt này / These entries are already nominated to the round', {
            entries: nominatedBefore.map((row) => ({ instanceId: row.nominatedFrom, nominatedInstanceId: row.instanceId })),
          });
        }
        sourceRoundId = rows[0]!.roundId;
        const already = await this.nominations.countNominatedFrom(tx, targetRoundId, sourceRoundId);
        const domainActor = toDomainActor(actor.userId, actor.grants);
        await this.runner.executeBatch(
          {
            type: 'nominate',
            expectedVersions: Object.fromEntries(rows.map((row) => [row.instanceId, row.state.version])),
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
                productGroup: row.productGroup,
                productName: row.productName,
                lowerCertificateLevel: row.state.round!.level,
                lowerCertificateNumber: row.certificateNumber,
                lowerCertificateValidUntil: row.validUntil,
              },
              round: roundInfo(target),
            },
            domainActor,
            tx,
          );
          await this.nominations.insertNominatedEntry(tx, {
            instanceId: outcome.instanceId,
            roundId: targetRoundId,
            establishmentId: row.establishmentId,
            productName: row.productName,
            productGroup: row.productGroup,
            dossier: row.dossier,
            nominatedFrom: row.instanceId,
            createdBy: actor.userId,
          });
          nominated.push({ sourceInstanceId: row.instanceId, instanceId: outcome.instanceId, certificateNumber: row.certificateNumber! });
        }
        return { targetRoundId, nominated };
      },
    });
  }
}
