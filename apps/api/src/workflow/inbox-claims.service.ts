import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { TaskClaimStore, type ClaimPerson, type ClaimTaskRow } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { coveredUnits } from '../selection/shared/scope.js';
import { type ClaimResponse, type EligibleAssignees } from './inbox.dto.js';
import { canSee } from './visibility.js';

/** An open role row of the inbox and the facts its claim rules need. */
type TaskRow = ClaimTaskRow<InstanceState>;

type Person = ClaimPerson;

const TASK_GONE = {
  statusCode: 404,
  code: 'NOT_FOUND',
  message: 'Không tìm thấy việc này, hoặc việc đã được xử lý / This task does not exist or has been done',
};

/**
 * Claims on inbox rows (issue 14). Advisory: a claim tells colleagues who handles the work; it does not change
 * who may act (the engine's own task claim is not used: it exists only for single-actor task stages, lets only
 * the owner give it back and only an administrator reassign, and takes the row out of colleagues' inboxes).
 */
@Injectable()
export class InboxClaimsService {
  private readonly claims = new TaskClaimStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The row, after a share lock on its instance so that no command moves the instance until this transaction ends. */
  private async load(tx: EntityManager, actor: Actor, taskId: string): Promise<TaskRow> {
    await this.claims.lockInstanceOfTask(tx, taskId);
    const row = await this.claims.findTask<InstanceState>(tx, taskId);
    if (!row || !(row.assignee_user_id === actor.userId || this.eligible(actor, row) || canSee(actor, row.state))) throw new NotFoundException(TASK_GONE);
    return row;
  }

  /** Whether the actor holds the row's role over a unit covering the instance (what puts the row in their inbox). */
  private eligible(actor: Actor, row: TaskRow): boolean {
    const link: Record<string, string | null> = {
      establishment: row.establishment_id,
      commune: row.commune_code,
      province: row.province_code,
      region: row.region_code,
    };
    return actor.grants.some((grant) => {
      if (grant.role !== row.role) return false;
      if (grant.scopeType === 'national') return true;
      const unit = link[grant.scopeType];
      return unit !== null && unit !== undefined && coveredUnits(grant).includes(unit);
    });
  }

  private claimable(row: TaskRow): void {
    // An applicant's own work (a draft, a revision) is their establishment's, not an officer's to take.
    if (row.assignee_user_id !== null || row.role === 'applicant') {
      throw new UnprocessableEntityException({
        statusCode: 422,
        code: 'TASK_NOT_CLAIMABLE',
        message: 'Việc này đã giao đích danh cho một người, không cần nhận / This task is already addressed to one person',
      });
    }
  }

  private requireEligible(actor: Actor, row: TaskRow): void {
    if (!this.eligible(actor, row)) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_ALLOWED',
        message: 'Bạn không thuộc vai trò và phạm vi xử lý việc này / You do not hold the role and scope this task needs',
      });
    }
  }

  private claimant(tx: EntityManager, row: TaskRow, lock = false): Promise<Person | null> {
    return this.claims.findClaimant(tx, row, lock);
  }

  private person(tx: EntityManager, userId: string): Promise<Person> {
    return this.claims.person(tx, userId);
  }

  private details(row: TaskRow, extra: Record<string, unknown>): Record<string, unknown> {
    return { taskId: row.id, stage: row.stage, role: row.role, scopeType: row.scope_type, scopeId: row.scope_key || null, ...extra };
  }

  /** Takes the row as mine; a row someone else holds is refused with 409 ALREADY_CLAIMED naming them. */
  claim(actor: Actor, taskId: string, requestId?: string): Promise<ClaimResponse> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.load(tx, actor, taskId);
      this.claimable(row);
      this.requireEligible(actor, row);
      if (row.state.submittedBy === actor.userId) {
        throw new ForbiddenException({
          statusCode: 403,
          code: 'FOUR_EYES',
          message: 'Không nhận xử lý hồ sơ do chính mình nộp / You cannot handle what you submitted yourself',
        });
      }
      // The primary key decides between simultaneous claims: the second insert waits for the first and does nothing.
      const inserted = await this.claims.insertClaim(tx, row, actor.userId);
      if (!inserted) {
        const holder = await this.claimant(tx, row);
        if (holder && holder.userId !== actor.userId) {
          throw new ConflictException({
            statusCode: 409,
            code: 'ALREADY_CLAIMED',
            message: `${holder.name} đã nhận xử lý việc này / ${holder.name} has already claimed this task`,
            details: { claimedBy: holder },
          });
        }
      } else {
        await this.audit.record(
          { actorUserId: actor.userId, action: 'task.claim', targetType: 'instance', targetId: row.instance_id, details: this.details(row, {}), requestId },
          tx,
        );
      }
      return { taskId: row.id, instanceId: row.instance_id, claimedBy: await this.person(tx, actor.userId) };
    });
  }

  /** Gives the row back: the claimant, or an officer who could hold it themselves. */
  release(actor: Actor, taskId: string, requestId?: string): Promise<ClaimResponse> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.load(tx, actor, taskId);
      this.claimable(row);
      const holder = await this.claimant(tx, row, true);
      if (holder === null) return { taskId: row.id, instanceId: row.instance_id, claimedBy: null };
      if (holder.userId !== actor.userId) this.requireEligible(actor, row);
      await this.claims.deleteClaim(tx, row);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'task.release',
          targetType: 'instance',
          targetId: row.instance_id,
          details: this.details(row, { from: holder.userId }),
          requestId,
        },
        tx,
      );
      return { taskId: row.id, instanceId: row.instance_id, claimedBy: null };
    });
  }

  /** Hands the row to another person who could hold it; only an officer who could hold it may do so. */
  reassign(actor: Actor, taskId: string, toUserId: string, requestId?: string): Promise<ClaimResponse> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.load(tx, actor, taskId);
      this.claimable(row);
      this.requireEligible(actor, row);
      const target = await this.claims.findEligible(tx, toUserId, row.instance_id, row.role);
      if (!target || target.userId === row.state.submittedBy) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          code: 'ASSIGNEE_NOT_ELIGIBLE',
          message: 'Người được chọn không thuộc vai trò và phạm vi xử lý việc này / The person chosen does not hold the role and scope this task needs',
          details: { toUserId },
        });
      }
      const holder = await this.claimant(tx, row, true);
      if (holder?.userId === target.userId) return { taskId: row.id, instanceId: row.instance_id, claimedBy: target };
      await this.claims.assignClaim(tx, row, target.userId, actor.userId);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'task.reassign',
          targetType: 'instance',
          targetId: row.instance_id,
          details: this.details(row, { from: holder?.userId ?? null, to: target.userId }),
          requestId,
        },
        tx,
      );
      return { taskId: row.id, instanceId: row.instance_id, claimedBy: target };
    });
  }

  /** The people a row may be handed to: those of its role whose grants cover the instance, by name. */
  eligibleAssignees(actor: Actor, taskId: string): Promise<EligibleAssignees> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.load(tx, actor, taskId);
      this.claimable(row);
      this.requireEligible(actor, row);
      const holder = await this.claimant(tx, row);
      const people = await this.claims.listEligible(tx, row.instance_id, row.role, row.state.submittedBy ?? null);
      return { items: people.map((person) => ({ ...person, claimant: person.userId === holder?.userId })) };
    });
  }
}
