import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../common/actor.js';
import { PLAN_READERS } from '../plans/plans.service.js';
import { holds } from '../selection/shared/scope.js';
import { type PlanLineList, type PlanLinesQuery } from './dto.js';

/** The imported lines of a province's annual plan, for the plans page. */
@Injectable()
export class PlanLinesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: PlanLinesQuery): Promise<PlanLineList> {
    // Out of scope looks like missing (DESIGN.md §2).
    if (!holds(actor, PLAN_READERS, { provinceCode: query.provinceCode })) {
      throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch / Plan not found' });
    }
    const rows = await this.dataSource.query<
      { id: string; province_code: string; province_name: string; year: number; content_group_code: string; content_group_name: string; funding_source_code: string; funding_source_name: string; planned_amount: string; updated_at: Date }[]
    >(
      `SELECT l.id, l.province_code, u.name AS province_name, l.year, l.content_group_code, g.name AS content_group_name,
              l.funding_source_code, f.name AS funding_source_name, l.planned_amount::text, l.updated_at
         FROM annual_plan_lines l
         JOIN administrative_units u ON u.code = l.province_code
         JOIN content_groups g ON g.programme_code = l.programme_code AND g.code = l.content_group_code
         JOIN funding_sources f ON f.code = l.funding_source_code
        WHERE l.province_code = $1 AND l.year = $2
        ORDER BY g.position, l.funding_source_code`,
      [query.provinceCode, query.year],
    );
    const items = rows.map((row) => ({
      id: row.id,
      provinceCode: row.province_code,
      provinceName: row.province_name,
      year: row.year,
      contentGroupCode: row.content_group_code,
      contentGroupName: row.content_group_name,
      fundingSource: row.funding_source_code,
      fundingSourceName: row.funding_source_name,
      plannedAmount: Number(row.planned_amount),
      updatedAt: row.updated_at.toISOString(),
    }));
    return { items, total: items.reduce((sum, item) => sum + item.plannedAmount, 0) };
  }
}
