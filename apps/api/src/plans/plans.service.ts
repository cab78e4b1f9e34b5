import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type Role } from '../common/access.js';
import { type Actor } from '../common/actor.js';
import { coveredUnits, grantsOf, holds } from '../selection/shared/scope.js';
import { type AdjustmentBody, type PlanListQuery, type PlanListResponse, type PlanView } from './dto.js';
import { PLANNED_STAGES } from './plan-derivation.js';

const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch / Plan not found' });

interface PlanRow {
  id: string;
  province_code: string | null;
  funding_source_code: string;
  year: number;
  current_version: number;
  amount: string;
  allocations: string;
}

const SELECT = `
  SELECT p.id, p.province_code, p.funding_source_code, p.year, p.current_version, v.amount::text,
         (SELECT COALESCE(SUM(s.allocated_amount), 0) FROM schemes s
           WHERE s.year = p.year AND s.funding_source_code = p.funding_source_code
             AND (p.province_code IS NULL OR s.province_code = p.province_code) AND s.stage = ANY($1))::text AS allocations
    FROM annual_plans p JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version`;

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
function mayAdjust(actor: Actor, row: PlanRow): boolean {
  return row.funding_source_code === 'NATIONAL'
    ? grantsOf(actor, ['central_officer', 'admin']).length > 0
    : holds(actor, ['provincial_officer', 'signer'], { provinceCode: row.province_code });
}

function summary(row: PlanRow) {
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: PlanListQuery): Promise<PlanListResponse> {
    const params: unknown[] = [PLANNED_STAGES];
    const where: string[] = ['TRUE'];
    const provinces = visibleProvinces(actor);
    if (provinces !== null) {
      params.push(provinces);
      where.push(`p.province_code = ANY($${params.length})`);
    }
    if (query.year !== undefined) where.push(`p.year = $${params.push(query.year)}`);
    if (query.provinceCode) where.push(`p.province_code = $${params.push(query.provinceCode)}`);
    if (query.fundingSource) where.push(`p.funding_source_code = $${params.push(query.fundingSource)}`);
    const rows = await this.dataSource.query<PlanRow[]>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.year DESC, p.province_code NULLS FIRST, p.funding_source_code LIMIT 500`, params);
    return { items: rows.map(summary) };
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanView> {
    const row = await this.load(manager, actor, id);
    const versions = await manager.query<{ version: number; amount: string; kind: 'derived' | 'adjustment'; reason: string | null; created_by_name: string | null; created_at: Date }[]>(
      `SELECT v.version, v.amount::text, v.kind, v.reason, u.display_name AS created_by_name, v.created_at
         FROM annual_plan_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.plan_id = $1 ORDER BY v.version`,
      [id],
    );
    const lines = await manager.query<{ content_group_code: string; schemes: number; allocated: string; disbursed: string }[]>(
      `SELECT s.content_group_code, COUNT(*)::int AS schemes, COALESCE(SUM(s.allocated_amount), 0)::text AS allocated,
              COALESCE(SUM((SELECT SUM(d.amount) FROM disbursements d WHERE d.scheme_id = s.id)), 0)::text AS disbursed
         FROM schemes s
        WHERE s.year = $1 AND s.funding_source_code = $2 AND ($3::text IS NULL OR s.province_code = $3) AND s.stage = ANY($4)
        GROUP BY s.content_group_code ORDER BY s.content_group_code`,
      [row.year, row.funding_source_code, row.province_code, PLANNED_STAGES],
    );
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
      lines: lines.map((line) => ({ contentGroupCode: line.content_group_code, fundingSource: row.funding_source_code, schemes: line.schemes, allocated: Number(line.allocated), disbursed: Number(line.disbursed) })),
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
        throw new ForbiddenException({ statusCode: 403, code: 'NOT_ALLOWED', message: 'Không có quyền điều chỉnh kế hoạch này / You may not adjust this plan' });
      }
      if (body.expectedVersion !== undefined && body.expectedVersion !== row.current_version) {
        throw new ConflictException({
          statusCode: 409,
          code: 'PLAN_VERSION_CHANGED',
          message: `Kế hoạch vừa có phiên bản mới (lần ${row.current_version}); hãy xem lại trước khi điều chỉnh / The plan has a newer version`,
        });
      }
      if (body.amount === Number(row.amount)) {
        throw new UnprocessableEntityException({ statusCode: 422, code: 'PLAN_UNCHANGED', message: 'Số kế hoạch mới bằng số hiện hành: không có gì để điều chỉnh / The new amount equals the current one' });
      }
      const version = row.current_version + 1;
      await tx.query(`INSERT INTO annual_plan_versions (plan_id, version, amount, kind, reason, created_by) VALUES ($1, $2, $3, 'adjustment', $4, $5)`, [id, version, body.amount, body.reason, actor.userId]);
      await tx.query(`UPDATE annual_plans SET current_version = $2 WHERE id = $1`, [id, version]);
      return this.get(actor, id, tx);
    });
  }

  private async load(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<PlanRow> {
    const [row] = await manager.query<PlanRow[]>(`${SELECT} WHERE p.id = $2${lock ? ' FOR UPDATE OF p' : ''}`, [PLANNED_STAGES, id]);
    const provinces = visibleProvinces(actor);
    if (!row || (provinces !== null && (row.province_code === null || !provinces.includes(row.province_code)))) throw notFound();
    return row;
  }
}
