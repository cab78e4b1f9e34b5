import { z } from 'zod';
import { PLAN_ACTUAL_GROUPINGS, REPORT_KINDS, REPORT_UNITS } from '@khuyencong/reports';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date');
const year = z.coerce.number().int().min(2000).max(2100);
const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** `units` of a report over provinces (packages/reports/src/units.ts: one roll-up for every report). */
function unitsParam(description: string) {
  return z.enum(REPORT_UNITS).default('historical').describe(description);
}

export const PlanActualQuery = z.object({
  year,
  until: isoDate.optional(),
  groupBy: z.enum(PLAN_ACTUAL_GROUPINGS).default('funding_source'),
  regionCode: code.optional(),
  provinceCode: code.optional(),
  fundingSource: z.enum(['NATIONAL', 'LOCAL']).optional(),
  units: unitsParam(
    'Province and region lines by the units of their time (`historical`, e.g. Bình Định in 2024) or rolled up through the 2025 successions to today’s units and today’s regions (`current`). The filters select the same records either way (regionCode: the records’ own region; provinceCode: that province and the provinces it succeeded), so totals are identical.',
  ),
});
export type PlanActualQuery = z.output<typeof PlanActualQuery>;

export const RegionSummaryQuery = z.object({ regionCode: code, year, until: isoDate.optional() });
export type RegionSummaryQuery = z.output<typeof RegionSummaryQuery>;

export const ConsultingQuery = z.object({
  year,
  untilMonth: z.coerce.number().int().min(1).max(12).default(12),
  regionCode: code.optional(),
  provinceCode: code.optional(),
  units: unitsParam(
    'Province lines by the units of their time (`historical`) or rolled up through the 2025 successions to today’s provinces (`current`). The filters select the same centres either way (regionCode: the province’s own region that year; provinceCode: that province and the provinces it succeeded), so totals are identical.',
  ),
});
export type ConsultingQuery = z.output<typeof ConsultingQuery>;

export const RecognitionQuery = z.object({
  year: year.optional(),
  level: z.enum(['commune', 'province', 'region', 'national']).optional(),
  regionCode: code.optional(),
  units: unitsParam(
    'Province lines (and each round’s region) by the units of their time (`historical`) or rolled up through the 2025 successions to today’s provinces and today’s regions (`current`). The filters select the same certificates either way (regionCode: the entries’ own region), so totals are identical.',
  ),
});
export type RecognitionQuery = z.output<typeof RecognitionQuery>;

export const ReconciliationQuery = RegionSummaryQuery.extend({
  /** A total published elsewhere, as printed ("48,79"), to explain against the report's lines. */
  publishedTotal: z
    .string()
    .regex(/^\d{1,3}(\.\d{3})*,\d{2}$/, 'Vietnamese two-decimal number, e.g. 48,79')
    .optional(),
});
export type ReconciliationQuery = z.output<typeof ReconciliationQuery>;

/** An amount: exact integer VND and as the conference prints it. */
export const Money = z.object({ vnd: z.number().int(), printed: z.string().describe('e.g. "48,80 tỷ đồng"') });
/** A percentage rounded half-up to hundredths; null when there is nothing to compare with. */
export const Percent = z.object({ value: z.number().nullable().describe('e.g. 95.26'), printed: z.string().describe('e.g. "95,26 %"') });

const Line = z.object({ key: z.string(), label: z.string(), plan: Money, actual: Money, percent: Percent });
export const PlanActualResponse = z.object({
  year: z.number(),
  until: z.string(),
  groupBy: z.string(),
  units: z.enum(REPORT_UNITS),
  lines: z.array(Line),
  total: Line,
});
export type PlanActualResponse = z.infer<typeof PlanActualResponse>;

export const RegionSummaryResponse = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  provinceCount: z.number(),
  year: z.number(),
  until: z.string(),
  sources: z.array(Line.extend({ nationwideActual: Money, share: Percent })),
  total: Line,
  previous: z.object({ year: z.number(), until: z.string(), plan: Money, actual: Money, percent: Percent }),
  rateChange: Percent,
  paragraph: z.string(),
});
export type RegionSummaryResponse = z.infer<typeof RegionSummaryResponse>;

export const ConsultingResponse = z.object({
  year: z.number(),
  untilMonth: z.number(),
  units: z.enum(REPORT_UNITS),
  lines: z.array(z.object({ provinceCode: z.string(), provinceName: z.string(), projects: z.number(), revenue: Money, plan: Money, percent: Percent })),
  projects: z.number(),
  revenue: Money,
  plan: Money,
  percent: Percent,
  previousRevenue: Money,
  change: Percent,
  paragraph: z.string(),
});
export type ConsultingResponse = z.infer<typeof ConsultingResponse>;

export const RecognitionResponse = z.object({
  rounds: z.array(
    z.object({
      roundId: z.string(),
      level: z.string(),
      year: z.number(),
      regionCode: z.string().nullable(),
      products: z.number().describe('Products or sets the round’s recognition decision recognised (as issued)'),
      establishments: z.number(),
      recognised: z.number().describe('The same count as products: recognitions as issued, whatever became of them'),
      expired: z.number().describe('Of those, certificates past their validity today'),
      revoked: z.number().describe('Of those, certificates revoked since'),
    }),
  ),
  units: z.enum(REPORT_UNITS),
  provinces: z
    .array(
      z.object({
        provinceCode: z.string().nullable(),
        provinceName: z.string().nullable(),
        regionCode: z.string().nullable().describe('The entries’ own region (historical) or today’s region of the unit (current); null when mixed'),
        products: z.number(),
        establishments: z.number().describe('Distinct within the line'),
        expired: z.number(),
        revoked: z.number(),
      }),
    )
    .describe('The same recognitions per province of the entries (of their time, or today’s, as `units` says): products sum to the rounds’ total'),
  paragraph: z.string(),
});
export type RecognitionResponse = z.infer<typeof RecognitionResponse>;

export const ReconciliationResponse = z.object({
  totals: z.array(
    z.object({
      name: z.string(),
      totalVnd: z.number(),
      linesSumVnd: z.number(),
      totalPrinted: z.string(),
      linesPrintedSum: z.string(),
      publishedPrinted: z.string().nullable(),
      gapPrinted: z.string(),
      explanation: z.string(),
    }),
  ),
  plans: z.array(
    z.object({
      provinceCode: z.string().nullable(),
      fundingSource: z.string(),
      year: z.number(),
      version: z.number(),
      plan: Money,
      allocations: Money,
      difference: Money,
    }),
  ),
});
export type ReconciliationResponse = z.infer<typeof ReconciliationResponse>;

export const ExportRequest = z.object({ kind: z.enum(REPORT_KINDS), params: z.record(z.string(), z.unknown()) });
export type ExportRequest = z.output<typeof ExportRequest>;

export const ExportIdParam = z.object({ id: z.uuid() });

export const ExportView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int().min(0).max(100),
  documentId: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type ExportView = z.infer<typeof ExportView>;
