import { consultingParagraph, fundsParagraph, periodLabel, recognitionParagraph } from './paragraph.js';
import { consultingVsPlan, type ConsultingFilter } from './consulting.js';
import { planVsActual, type PlanActualFilter } from './plan-actual.js';
import { recognisedPerProvince, recognisedPerRound, type RecognitionFilter } from './recognition.js';
import { regionSummary, type RegionSummaryFilter } from './region-summary.js';
import { type Queryable } from './queryable.js';
import { type ReportUnits } from './units.js';
import { type SheetSpec } from './workbook.js';

/** The reports that can be exported to `.xlsx`. Persisted in `report_exports.kind`: add names, never rename. */
export const REPORT_KINDS = ['plan-vs-actual', 'region-summary', 'consulting', 'recognition'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportParams =
  | { kind: 'plan-vs-actual'; params: PlanActualFilter }
  | { kind: 'region-summary'; params: RegionSummaryFilter }
  | { kind: 'consulting'; params: ConsultingFilter }
  | { kind: 'recognition'; params: RecognitionFilter };

const percentColumns = [
  { key: 'plan', header: 'Kế hoạch (tỷ đồng)', kind: 'billions' },
  { key: 'actual', header: 'Thực hiện (tỷ đồng)', kind: 'billions' },
  { key: 'percent', header: 'Tỷ lệ (%)', kind: 'percent' },
] as const;

/** Under `current`, the sheet says its unit lines are today's units (the figures of their time otherwise, as before). */
function unitsNote(units: ReportUnits | undefined): string[] {
  return units === 'current' ? ['Số liệu quy về đơn vị hành chính hiện nay (sau sắp xếp năm 2025).'] : [];
}

/** Runs a report and lays it out as worksheets (the same figures the API prints). */
export async function reportSheets(db: Queryable, report: ReportParams): Promise<SheetSpec[]> {
  switch (report.kind) {
    case 'plan-vs-actual': {
      const result = await planVsActual(db, report.params);
      const rows = [...result.lines, result.total].map((line) => ({
        key: line.key,
        label: line.label,
        plan: line.planVnd,
        actual: line.actualVnd,
        percent: line.percent,
      }));
      return [
        {
          name: 'Kế hoạch - thực hiện',
          title: `Kế hoạch và thực hiện kinh phí khuyến công — ${periodLabel(result.filter.year, result.filter.until)}`,
          paragraphs: unitsNote(report.params.units),
          columns: [{ key: 'key', header: 'Mã', kind: 'text' }, { key: 'label', header: 'Nhóm', kind: 'text' }, ...percentColumns],
          rows,
        },
      ];
    }
    case 'region-summary': {
      const summary = await regionSummary(db, report.params);
      const rows = [
        ...summary.sources.map((line) => ({
          key: line.key,
          label: line.label,
          plan: line.planVnd,
          actual: line.actualVnd,
          percent: line.percent,
          share: line.sharePercent,
        })),
        { key: 'TOTAL', label: summary.total.label, plan: summary.total.planVnd, actual: summary.total.actualVnd, percent: summary.total.percent, share: null },
        {
          key: 'PREVIOUS',
          label: `Cùng kỳ năm ${summary.previous.year}`,
          plan: summary.previous.planVnd,
          actual: summary.previous.actualVnd,
          percent: summary.previous.percent,
          share: null,
        },
        { key: 'RATE_CHANGE', label: 'Thay đổi tỷ lệ thực hiện so với cùng kỳ (%)', plan: null, actual: null, percent: summary.rateChangePercent, share: null },
      ];
      return [
        {
          name: 'Tổng hợp khu vực',
          title: `${summary.regionName} — ${periodLabel(summary.year, summary.until)}`,
          paragraphs: [fundsParagraph(summary)],
          columns: [
            { key: 'key', header: 'Mã', kind: 'text' },
            { key: 'label', header: 'Nguồn kinh phí', kind: 'text' },
            ...percentColumns,
            { key: 'share', header: 'Tỷ trọng cả nước (%)', kind: 'percent' },
          ],
          rows,
        },
      ];
    }
    case 'consulting': {
      const result = await consultingVsPlan(db, report.params);
      const rows = [
        ...result.lines.map((line) => ({
          key: line.provinceCode,
          label: line.provinceName,
          projects: line.projects,
          plan: line.planVnd,
          actual: line.revenueVnd,
          percent: line.percent,
        })),
        { key: 'TOTAL', label: 'Tổng cộng', projects: result.projects, plan: result.planVnd, actual: result.revenueVnd, percent: result.percent },
        { key: 'PREVIOUS', label: `Cùng kỳ năm ${result.filter.year - 1}`, projects: null, plan: null, actual: result.previousRevenueVnd, percent: null },
        { key: 'CHANGE', label: 'Thay đổi so với cùng kỳ (%)', projects: null, plan: null, actual: null, percent: result.changePercent },
      ];
      return [
        {
          name: 'Tư vấn',
          title: `Doanh thu tư vấn so với kế hoạch — ${result.filter.untilMonth} tháng năm ${result.filter.year}`,
          paragraphs: [consultingParagraph(result), ...unitsNote(report.params.units)],
          columns: [
            { key: 'key', header: 'Mã', kind: 'text' },
            { key: 'label', header: 'Tỉnh', kind: 'text' },
            { key: 'projects', header: 'Số dự án', kind: 'count' },
            ...percentColumns,
          ],
          rows,
        },
      ];
    }
    case 'recognition': {
      const lines = await recognisedPerRound(db, report.params);
      const provinces = await recognisedPerProvince(db, report.params);
      const count = (key: 'products' | 'establishments' | 'expired' | 'revoked') => provinces.reduce((total, line) => total + line[key], 0);
      return [
        {
          name: 'Sản phẩm tiêu biểu',
          title: 'Sản phẩm công nghiệp nông thôn tiêu biểu được công nhận theo đợt',
          paragraphs: [recognitionParagraph(lines)],
          columns: [
            { key: 'roundId', header: 'Đợt', kind: 'text' },
            { key: 'level', header: 'Cấp', kind: 'text' },
            { key: 'year', header: 'Năm', kind: 'count' },
            { key: 'regionCode', header: 'Khu vực', kind: 'text' },
            { key: 'products', header: 'Sản phẩm/bộ sản phẩm', kind: 'count' },
            { key: 'establishments', header: 'Cơ sở', kind: 'count' },
            { key: 'expired', header: 'Trong đó: hết hiệu lực', kind: 'count' },
            { key: 'revoked', header: 'Trong đó: bị thu hồi', kind: 'count' },
          ],
          rows: lines.map((line) => ({ ...line })),
        },
        {
          name: 'Theo tỉnh',
          title: 'Sản phẩm công nghiệp nông thôn tiêu biểu được công nhận theo tỉnh',
          paragraphs: unitsNote(report.params.units),
          columns: [
            { key: 'key', header: 'Mã', kind: 'text' },
            { key: 'label', header: 'Tỉnh', kind: 'text' },
            { key: 'regionCode', header: 'Khu vực', kind: 'text' },
            { key: 'products', header: 'Sản phẩm/bộ sản phẩm', kind: 'count' },
            { key: 'establishments', header: 'Cơ sở', kind: 'count' },
            { key: 'expired', header: 'Trong đó: hết hiệu lực', kind: 'count' },
            { key: 'revoked', header: 'Trong đó: bị thu hồi', kind: 'count' },
          ],
          rows: [
            ...provinces.map((line) => ({
              key: line.provinceCode ?? '-',
              label: line.provinceName ?? '-',
              regionCode: line.regionCode,
              products: line.products,
              establishments: line.establishments,
              expired: line.expired,
              revoked: line.revoked,
            })),
            {
              key: 'TOTAL',
              label: 'Tổng cộng',
              regionCode: null,
              products: count('products'),
              establishments: null,
              expired: count('expired'),
              revoked: count('revoked'),
            },
          ],
        },
      ];
    }
  }
}
