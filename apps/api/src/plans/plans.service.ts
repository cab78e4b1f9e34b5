import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AnnualPlanStore, type AnnualPlanRow } from '@khuyencong/persistence';
import { type Role } from '../common/access.js';
import { type Actor } from '../common/actor.js';
import { ReadRouter } from '../infra/read-routing.js';
import { coveredUnits, grantsOf, holds } from '../selection/shared/scope.js';
import { type AdjustmentBody, type PlanListQuery, type PlanListResponse, type PlanView } from './dto.js';
import { PLANNED_STAGES } from './plan-derivation.js';

const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch / Plan not found' });

/** The roles that read plans (the route's roles); each over the scope of its own grant. */
export const PLAN_READERS: readonly Role[] = ['provincial_officer', 'central_officer', 'signer', 'admin'];

/** Provinces whose plans the actor sees: null means every plan (a national grant of a reading role). */
function visibleProvinces(actor: Actor): string[] | null {
  const grants = grantsOf(actor, PLAN_READERS);
  if (grants.some((grant) => grant.scopeType === 'national')) return null;
  // A province grant covers the provinces it succeeded (today's Gia Lai reads old Gia Lai's and Bình Định's plans).
  return [...new Set(grants.filter((grant) => grant.scopeType === 'province').flatMap((grant) => coveredUnits(grant)))];
}

/**
 * Role and scope on the same grant: national-fund plans are adjusted by the Cục (a national grant of another role
 * never lets a provincial officer adjust); a province's local plan by its officers or signer.
 */
function mayAdjust(actor: Actor, row: AnnualPlanRow): boolean {
  return row.funding_source_code === 'NATIONAL'
    ? grantsOf(actor, ['central_officer', 'admin']).length > 0
    : holds(actor, ['provincial_officer', 'signer'], { provinceCode: row.province_code });
}

function summary(row: AnnualPlanRow) {
  return {
    id: row.id,
    provinceCode: row.province_code,
    fundingSource: row.funding_source_code,
    year: row.year,
    currentVersion: row.current_version,
    amount: Number(row.amount),
    allocations: Number(row.allocations),
  };
}

/** Annual plans per province (or national) × source × year; amounts derive from allocations, adjustments add versions. */
@Injectable()
export class PlansService {
  private readonly plans = new AnnualPlanStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
  ) {}

  async list(actor: Actor, query: PlanListQuery): Promise<PlanListResponse> {
    const rows = await this.plans.list(await this.reads.reader(actor), PLANNED_STAGES, {
      provinces: visibleProvinces(actor),
      year: query.year,
      provinceCode: query.provinceCode,
      fundingSource: query.fundingSource,
    });
    return { items: rows.map(summary) };
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanView> {
    const row = await this.load(manager, actor, id);
    const versions = await this.plans.versions(manager, id);
    const lines = await this.plans.lines(manager, PLANNED_STAGES, { year: row.year, fundingSource: row.funding_source_code, provinceCode: row.province_code });
    return {
      ...summary(row),
      versions: versions.map((version, index) => ({
        version: version.version,
        amount: Number(version.amount),
        difference: index === 0 ? null : Number(version.amount) - Number(versions[index - 1]!.amount),
        kind: version.kind,
        reason: version.reason,
        createdByName: version.created_by_name,
        createdAt: version.created_at.toISOString(),
      })),
      lines: lines.map((line) => ({
        contentGroupCode: line.content_group_code,
        fundingSource: row.funding_source_code,
        schemes: line.schemes,
        allocated: Number(line.allocated),
        disbursed: Number(line.disbursed),
      })),
      mayAdjust: mayAdjust(actor, row),
    };
  }

  /**
   * An adjustment is a new version, never an edit. National-fund plans are adjusted by the Cục; a province's local
   * plan by its officers or signer.
   */
  async adjust(actor: Actor, id: string, body: AdjustmentBody): Promise<PlanView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.load(tx, actor, id, true);
      if (!mayAdjust(actor, row)) {
        throw new ForbiddenException({
          statusCode: 403,
          code: 'NOT_ALLOWED',
          message: 'Không có quyền điều chỉnh kế hoạch này / You may not adjust this plan',
        });
      }
      if (body.expectedVersion !== undefined && body.expectedVersion !== row.current_version) {
        throw new ConflictException({
          statusCode: 409,
          code: 'PLAN_VERSION_CHANGED',
          message: `Kế hoạch vừa có phiên bản mới (lần ${row.current_version}); hãy xem lại trước khi điều chỉnh / The plan has a newer version`,
        });
      }
      if (body.amount === Number(row.amount)) {
        throw new UnprocessableEntityException({
          statusCode: 422,
          code: 'PLAN_UNCHANGED',
          message: 'Số kế hoạch mới bằng số hiện hành: không có gì để điều chỉnh / The new amount equals the current one',
        });
      }
      const version = row.current_version + 1;
      await this.plans.insertAdjustment(tx, id, version, body.amount, body.reason, actor.userId);
      await this.plans.setCurrentVersion(tx, id, version);
      return this.get(actor, id, tx);
    });
  }

  private async load(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<AnnualPlanRow> {
    const row = await this.plans.find(manager, PLANNED_STAGES, id, lock);
    const provinces = visibleProvinces(actor);
    if (!row || (provinces !== null && (row.province_code === null || !provinces.includes(row.province_code)))) throw notFound();
    return row;
  }
}
