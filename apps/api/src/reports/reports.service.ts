import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { ReportStore } from '@khuyencong/persistence';
import {
  checkPlans,
  checkSummaryTotals,
  consultingParagraph,
  consultingVsPlan,
  formatHundredths,
  fundsParagraph,
  parseHundredths,
  planVsActual,
  recognisedPerProvince,
  recognisedPerRound,
  recognitionParagraph,
  regionSummary,
} from '@khuyencong/reports';
import {
  type ConsultingQuery,
  type ConsultingResponse,
  type PlanActualQuery,
  type PlanActualResponse,
  type RecognitionQuery,
  type RecognitionResponse,
  type ReconciliationQuery,
  type ReconciliationResponse,
  type RegionSummaryQuery,
  type RegionSummaryResponse,
} from './dto.js';
import { type Actor } from '../common/actor.js';
import { lineView, money, percent } from './views.js';
import { unknownRegion } from './errors.js';
import { requireRegion, restrictToScope } from './report-scope.js';
import { ReadRouter } from '../infra/read-routing.js';

/**
 * The conference figures, read from the streaming replica when it is close enough behind (ReadRouter; nothing here
 * writes, and a report may be a few seconds stale). Each report shows only
 * the caller's scope (docs/report-access.md): aggregates never show what the records hide.
 */
@Injectable()
export class ReportsService {
  private readonly store = new ReportStore();

  constructor(private readonly reads: ReadRouter) {}

  /** The restriction a caller's scope puts on a report over provinces (403 for another province). */
  async within(actor: Actor, query: { year?: number | undefined; regionCode?: string | undefined; provinceCode?: string | undefined }, db?: EntityManager) {
    const manager = db ?? (await this.reads.reader(actor));
    return restrictToScope(actor, query, (provinceCode) => this.store.regionOfProvince(manager, provinceCode, query.year ?? null));
  }

  async planVsActual(actor: Actor, query: PlanActualQuery): Promise<PlanActualResponse> {
    const db = await this.reads.reader(actor);
    const within = await this.within(actor, query, db);
    // From the running totals the database keeps (a few hundred rows, not every scheme and disbursement).
    const report = await planVsActual(db, { ...query, ...(within ? { within } : {}) }, 'totals');
    return {
      year: report.filter.year,
      until: report.filter.until,
      groupBy: report.filter.groupBy,
      units: query.units,
      lines: report.lines.map(lineView),
      total: lineView(report.total),
    };
  }

  async regionSummary(actor: Actor, query: RegionSummaryQuery): Promise<RegionSummaryResponse> {
    requireRegion(actor, query.regionCode);
    const summary = await regionSummary(await this.reads.reader(actor), query).catch((error: unknown) => {
      throw error instanceof RangeError ? unknownRegion(query.regionCode) : error;
    });
    return {
      regionCode: summary.regionCode,
      regionName: summary.regionName,
      provinceCount: summary.provinceCount,
      year: summary.year,
      until: summary.until,
      sources: summary.sources.map((line) => ({ ...lineView(line), nationwideActual: money(line.nationwideActualVnd), share: percent(line.sharePercent) })),
      total: lineView(summary.total),
      previous: {
        year: summary.previous.year,
        until: summary.previous.until,
        plan: money(summary.previous.planVnd),
        actual: money(summary.previous.actualVnd),
        percent: percent(summary.previous.percent),
      },
      rateChange: percent(summary.rateChangePercent),
      paragraph: fundsParagraph(summary),
    };
  }

  async consulting(actor: Actor, query: ConsultingQuery): Promise<ConsultingResponse> {
    const db = await this.reads.reader(actor);
    const within = await this.within(actor, query, db);
    const report = await consultingVsPlan(db, { ...query, ...(within ? { within } : {}) });
    return {
      year: query.year,
      untilMonth: query.untilMonth,
      units: query.units,
      lines: report.lines.map((line) => ({
        provinceCode: line.provinceCode,
        provinceName: line.provinceName,
        projects: line.projects,
        revenue: money(line.revenueVnd),
        plan: money(line.planVnd),
        percent: percent(line.percent),
      })),
      projects: report.projects,
      revenue: money(report.revenueVnd),
      plan: money(report.planVnd),
      percent: percent(report.percent),
      previousRevenue: money(report.previousRevenueVnd),
      change: percent(report.changePercent),
      paragraph: consultingParagraph(report),
    };
  }

  async recognition(actor: Actor, query: RecognitionQuery): Promise<RecognitionResponse> {
    const db = await this.reads.reader(actor);
    const within = await this.within(actor, query, db);
    const filter = { ...query, ...(within ? { within } : {}) };
    const rounds = await recognisedPerRound(db, filter);
    const provinces = await recognisedPerProvince(db, filter);
    return { rounds, units: query.units, provinces, paragraph: recognitionParagraph(rounds) };
  }

  async reconciliation(actor: Actor, query: ReconciliationQuery): Promise<ReconciliationResponse> {
    requireRegion(actor, query.regionCode);
    const db = await this.reads.reader(actor);
    const summary = await regionSummary(db, query).catch((error: unknown) => {
      throw error instanceof RangeError ? unknownRegion(query.regionCode) : error;
    });
    const published = query.publishedTotal === undefined ? undefined : parseHundredths(query.publishedTotal);
    const totals = checkSummaryTotals(summary, published).map((check) => ({
      name: check.name,
      totalVnd: Number(check.totalVnd),
      linesSumVnd: Number(check.linesSumVnd),
      totalPrinted: formatHundredths(check.totalPrinted),
      linesPrintedSum: formatHundredths(check.linesPrintedSum),
      publishedPrinted: check.publishedPrinted === null ? null : formatHundredths(check.publishedPrinted),
      gapPrinted: formatHundredths(check.gapPrinted),
      explanation: check.explanation,
    }));
    const plans = (await checkPlans(db, query.year, query.regionCode)).map((plan) => ({
      provinceCode: plan.provinceCode,
      fundingSource: plan.fundingSource,
      year: plan.year,
      version: plan.version,
      plan: money(plan.planVnd),
      allocations: money(plan.allocationsVnd),
      difference: money(plan.differenceVnd),
    }));
    return { totals, plans };
  }
}
