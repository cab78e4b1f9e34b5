import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { AreaStore, EntryStore, RoundStore } from '@khuyencong/persistence';
import { type Actor } from '../../common/actor.js';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.js';
import { eligiblePeople } from '../../common/eligible-people.js';
import {
  type AssignmentResult,
  type CouncilBody,
  type CreateRoundBody,
  type EligiblePeople,
  type EligiblePeopleQuery,
  type JuryBody,
  type RoundList,
  type RoundListQuery,
  type RoundResults,
  type RoundStatusBody,
  type RoundView,
} from './dto.js';
import { describeRounds } from './round-details.js';
import { organises, requireRound, roundChain, type Level, type Round, type RoundStatus } from './round-store.js';
import { holds } from '../shared/scope.js';
import { type Role } from '../../common/access.js';
import { CommandPipeline } from '../../workflow/command-pipeline.js';
import { type Keyed } from '../../workflow/idempotent-request.js';
import { ReadRouter } from '../../infra/read-routing.js';

/**
 * Who reads a round's results (scores of every entry, from every province in it): the route's roles, each over a
 * grant that covers the round's unit or a unit above it. So the organiser (the level's officer over the unit),
 * the signers and officers of that unit or above (a province's signer reads its province round and the commune
 * rounds inside it), region-scoped and national central officers and signers, and admins. Not a province's
 * signer or officer for a regional round, nor anyone for a round of another unit: 404, like a missing round.
 */
export const RESULT_READERS: readonly Role[] = ['commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin'];

/** The round lifecycle an organiser drives by hand; `decided` is set by the recognition decision itself. */
const NEXT_STATUSES: Readonly<Record<RoundStatus, readonly RoundStatus[]>> = {
  planned: ['open'],
  open: ['closed'],
  closed: ['open', 'judging'],
  judging: [],
  decided: ['archived'],
  archived: [],
};

/** Roles that may set a round's jury or council, and so look for the people eligible for it. */
const SETTERS: readonly Role[] = ['commune_officer', 'provincial_officer', 'central_officer'];

const SCOPE_TYPE: Readonly<Record<Level, string>> = { commune: 'commune', province: 'province', region: 'region', national: 'national' };

@Injectable()
export class RoundsService {
  private readonly rounds = new RoundStore();
  private readonly areas = new AreaStore();
  private readonly entries = new EntryStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
    private readonly pipeline: CommandPipeline,
  ) {}

  async create(actor: Actor, body: CreateRoundBody): Promise<RoundView> {
    const scopeCode = body.level === 'national' ? 'VN' : body.scopeCode;
    if (!scopeCode) throw unprocessable('SCOPE_REQUIRED', 'Cần đơn vị tổ chức (scopeCode) / scopeCode is required for this level');
    if (!organises(actor, { level: body.level, scopeCode }))
      throw forbidden('Bạn không tổ chức đợt bình chọn ở cấp này / You do not organise rounds at this level and unit');
    await this.checkScope(body.level, scopeCode);
    const created = await this.pipeline.run({
      name: 'round.create',
      actor,
      audit: (view: RoundView) => ({
        action: 'round.create',
        targetType: 'round',
        targetId: view.id,
        details: { level: body.level, year: body.year, scopeCode },
      }),
      work: async (tx) => {
        const existing = await this.rounds.findIdByLevelScopeYear(tx, body.level, scopeCode, body.year);
        if (existing)
          throw conflict('ROUND_EXISTS', 'Đã có đợt bình chọn cho cấp, đơn vị và năm này / A round exists for this level, unit and year', { id: existing });
        const id = await this.rounds.insert(tx, {
          name: body.name,
          level: body.level,
          year: body.year,
          scopeType: SCOPE_TYPE[body.level],
          scopeCode,
          registrationOpensAt: body.registrationOpensAt,
          registrationClosesAt: body.registrationClosesAt,
          criteriaSetCode: body.criteriaSetCode,
          passThreshold: body.passThreshold,
          nominationQuota: body.nominationQuota,
          quorumRatio: body.quorumRatio,
          spreadLimit: body.spreadLimit,
          screeningWorkingDays: body.screeningWorkingDays,
          organiserUserId: actor.userId,
          contactName: body.contact?.name ?? null,
          contactPhone: body.contact?.phone ?? null,
          contactEmail: body.contact?.email ?? null,
        });
        return this.view(tx, await requireRound(tx, id), actor);
      },
    });
    return created.body;
  }

  /** Rounds are public knowledge inside the platform: every signed-in user may list them. */
  async list(actor: Actor, query: RoundListQuery): Promise<RoundList> {
    const db = await this.reads.reader(actor);
    const rounds = await this.rounds.list(db, { level: query.level, year: query.year, status: query.status });
    return { items: await describeRounds(db, rounds, actor) };
  }

  async get(actor: Actor, id: string): Promise<RoundView> {
    return this.view(this.dataSource.manager, await requireRound(this.dataSource.manager, id), actor);
  }

  /**
   * Active users holding the role over a grant that covers the round's area (national grants cover every round, a
   * province's its communes, today's units those they succeeded), for the organiser to pick a jury or council from.
   * Officers over the round's area may look too; anyone else gets 404, like a missing round.
   */
  async eligiblePeople(actor: Actor, id: string, query: EligiblePeopleQuery): Promise<EligiblePeople> {
    const round = await requireRound(this.dataSource.manager, id);
    const chain = await roundChain(this.dataSource.manager, round);
    if (!organises(actor, round) && !holds(actor, SETTERS, chain)) throw notFound('Không tìm thấy đợt bình chọn / Round not found');
    return { items: await eligiblePeople(this.dataSource.manager, query.role, chain, query.q) };
  }

  async changeStatus(actor: Actor, id: string, body: RoundStatusBody): Promise<RoundView> {
    let from: RoundStatus | undefined;
    const changed = await this.pipeline.run({
      name: 'round.status',
      actor,
      // Asking for the status the round already has changes nothing and leaves no entry.
      audit: () => (from === undefined ? undefined : { action: 'round.status', targetType: 'round', targetId: id, details: { from, to: body.status } }),
      work: async (tx) => {
        const round = await this.organisedRound(tx, actor, id);
        if (round.status === body.status) return this.view(tx, round, actor);
        if (!NEXT_STATUSES[round.status].includes(body.status)) {
          throw conflict(
            'ROUND_STATUS',
            `Không thể chuyển từ ${round.status} sang ${body.status} / Cannot move a round from ${round.status} to ${body.status}`,
          );
        }
        await this.rounds.setStatus(tx, id, body.status);
        from = round.status;
        return this.view(tx, await requireRound(tx, id), actor);
      },
    });
    return changed.body;
  }

  /**
   * Sets the round's judges (for one product group or all) and assigns them to every entry of the round that is
   * in scoring without judges yet. All or nothing: one refusal rolls every assignment back.
   */
  async setJury(actor: Actor, id: string, body: JuryBody, key?: string): Promise<{ body: AssignmentResult; replayed: boolean }> {
    return this.assign(
      actor,
      id,
      'round.jury',
      { userId: actor.userId, key, request: { route: 'PUT /api/rounds/{id}/jury', params: { id }, body } },
      async (tx, round) => {
        await this.requireUsersWithRole(tx, body.judges, ['judge']);
        const jury = { ...round.jury, [body.productGroup ?? '*']: body.judges };
        await this.rounds.setJury(tx, id, jury);
        const waiting = await this.entriesAt(tx, id, 'scoring', body.productGroup);
        return this.runEach(
          tx,
          actor,
          waiting.filter((state) => state.jury?.judges.length === 0),
          'assign_judges',
          { judges: body.judges },
        );
      },
    );
  }

  /** Sets the round's council and assigns it to every entry waiting in council review without one. */
  async setCouncil(actor: Actor, id: string, body: CouncilBody, key?: string): Promise<{ body: AssignmentResult; replayed: boolean }> {
    return this.assign(
      actor,
      id,
      'round.council',
      { userId: actor.userId, key, request: { route: 'PUT /api/rounds/{id}/council', params: { id }, body } },
      async (tx) => {
        if (body.chair !== undefined && !body.members.includes(body.chair))
          throw unprocessable('CHAIR_NOT_MEMBER', 'Chủ tịch phải là thành viên hội đồng / The chair must be a member');
        await this.requireUsersWithRole(tx, body.members, ['council_member', 'council_chair']);
        const council = { members: body.members, chair: body.chair ?? null };
        await this.rounds.setCouncil(tx, id, council);
        const waiting = await this.entriesAt(tx, id, 'council_review');
        const payload: Record<string, string | string[]> = body.chair === undefined ? { members: body.members } : { members: body.members, chair: body.chair };
        return this.runEach(
          tx,
          actor,
          waiting.filter((state) => (state.council?.members.length ?? 0) === 0),
          'assign_council',
          payload,
        );
      },
    );
  }

  /** Jury averages and council outcomes of the round; scores show only once an entry's jury has closed. */
  async results(actor: Actor, id: string): Promise<RoundResults> {
    const round = await requireRound(this.dataSource.manager, id);
    const covered = organises(actor, round) || holds(actor, RESULT_READERS, await roundChain(this.dataSource.manager, round));
    if (!covered) throw notFound('Không tìm thấy đợt bình chọn / Round not found');
    const rows = await this.rounds.results<InstanceState>(this.dataSource.manager, id);
    return {
      roundId: id,
      items: rows.map((row) => {
        const jury = row.state.jury;
        const last = jury?.results.at(-1);
        const closed = jury !== null && last !== undefined;
        return {
          instanceId: row.instanceId,
          code: row.code,
          productName: row.productName,
          establishmentName: row.establishmentName,
          provinceCode: row.provinceCode,
          stage: row.state.stage,
          juryClosed: closed,
          average: closed ? last.averageHundredths / 100 : null,
          spread: closed ? last.spreadHundredths / 100 : null,
          juryOutcome: closed ? last.outcome : null,
          scoringRounds: jury?.results.length ?? 0,
          councilOutcome: row.state.council?.outcome ?? null,
        };
      }),
    };
  }

  /** A jury or council set on the round and assigned to its waiting entries (engine commands), audited as one change. */
  private async assign(
    actor: Actor,
    id: string,
    name: 'round.jury' | 'round.council',
    keyed: Keyed,
    work: (tx: EntityManager, round: Round) => Promise<string[]>,
  ): Promise<{ body: AssignmentResult; replayed: boolean }> {
    return this.pipeline.run({
      name,
      actor,
      keyed,
      audit: (result: AssignmentResult) => ({
        action: name,
        targetType: 'round',
        targetId: id,
        details: { ...(keyed.request.body as object), assigned: result.assigned.length },
      }),
      work: async (tx) => {
        const round = await this.organisedRound(tx, actor, id);
        const assigned = await work(tx, round);
        return { round: await this.view(tx, await requireRound(tx, id), actor), assigned };
      },
    });
  }

  private async view(manager: EntityManager, round: Round, actor: Actor): Promise<RoundView> {
    const [view] = await describeRounds(manager, [round], actor);
    return view!;
  }

  private async organisedRound(tx: EntityManager, actor: Actor, id: string): Promise<Round> {
    const round = await requireRound(tx, id, true);
    if (!organises(actor, round)) throw forbidden('Chỉ đơn vị tổ chức đợt bình chọn mới được làm việc này / Only the round’s organiser may do this');
    return round;
  }

  private async entriesAt(tx: EntityManager, roundId: string, stage: string, productGroup?: string): Promise<InstanceState[]> {
    return this.entries.lockStatesAtStage<InstanceState>(tx, roundId, stage, productGroup);
  }

  private async runEach(tx: EntityManager, actor: Actor, states: InstanceState[], type: string, payload: Record<string, string | string[]>): Promise<string[]> {
    for (const state of states) {
      await this.pipeline.engine(tx, actor, state.instanceId, { type, expectedVersion: state.version, payload });
    }
    return states.map((state) => state.instanceId);
  }

  private async requireUsersWithRole(tx: EntityManager, userIds: string[], roles: string[]): Promise<void> {
    const found = new Set(await this.rounds.usersHoldingRole(tx, userIds, roles));
    const missing = userIds.filter((userId) => !found.has(userId));
    if (missing.length > 0)
      throw unprocessable('NOT_A_JUDGE_OR_MEMBER', `Người dùng không có vai trò ${roles.join('/')} / Users without the role ${roles.join('/')}`, { missing });
  }

  private async checkScope(level: Level, scopeCode: string): Promise<void> {
    if (level === 'national') return;
    const found =
      level === 'region'
        ? await this.areas.regionExists(this.dataSource.manager, scopeCode)
        : level === 'province'
          ? await this.areas.provinceExists(this.dataSource.manager, scopeCode)
          : true;
    if (!found) throw unprocessable('UNKNOWN_UNIT', 'Đơn vị không tồn tại / Unknown unit', { scopeCode });
  }
}
