import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { ImportPlanLineStore } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { PLAN_READERS } from '../plans/plans.service.js';
import { holds } from '../selection/shared/scope.js';
import { type PlanLineList, type PlanLinesQuery } from './dto.js';

/** The imported lines of a province's annual plan, for the plans page. */
@Injectable()
export class PlanLinesService {
  private readonly planLines = new ImportPlanLineStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: PlanLinesQuery): Promise<PlanLineList> {
    // Out of scope looks like missing (DESIGN.md §2).
    if (!holds(actor, PLAN_READERS, { provinceCode: query.provinceCode })) {
      throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch / Plan not found' });
    }
    const items = await this.planLines.listForProvince(this.dataSource.manager, query.provinceCode, query.year);
    return { items, total: items.reduce((sum, item) => sum + item.plannedAmount, 0) };
  }
}
