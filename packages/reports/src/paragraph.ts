import { billionsHundredths } from './arithmetic.js';
import { type ConsultingReport } from './consulting.js';
import { formatBillions, formatHundredths, formatPercent } from './format.js';
import { type RecognitionLine } from './recognition.js';
import { type RegionSummary } from './region-summary.js';
import { type IsoDate } from './queryable.js';

/** "Năm 2021", "7 tháng đầu năm 2022", or "Từ đầu năm 2022 đến ngày 15/08/2022". */
export function periodLabel(year: number, until: IsoDate): string {
  const [y, m, d] = until.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (y === year && m === 12 && d === 31) return `Năm ${year}`;
  if (y === year && d === monthEnd) return `${m} tháng đầu năm ${year}`;
  return `Từ đầu năm ${year} đến ngày ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

const SOURCE_NAMES: Record<string, string> = { NATIONAL: 'kinh phí khuyến công quốc gia', LOCAL: 'kinh phí khuyến công địa phương' };

function ratio(actual: bigint, plan: bigint): string {
  return `${formatHundredths(billionsHundredths(actual))}/${formatBillions(plan)}`;
}

/**
 * The funds paragraph in the style of the conference report: totals against the plan, each source with its rate
 * (and, for a whole year, the region's share of the nationwide funds), and the change of the execution rate
 * against the same period of the previous year for a period-to-date.
 */
export function fundsParagraph(summary: RegionSummary): string {
  const label = periodLabel(summary.year, summary.until);
  const wholeYear = label.startsWith('Năm');
  const lead = `${label}, tổng kinh phí khuyến công thực hiện của ${summary.provinceCount} tỉnh, thành phố ${summary.regionName.replace(/^Khu vực/, 'khu vực')}`;
  const sources = summary.sources.map((line) => {
    const name = SOURCE_NAMES[line.key] ?? line.label;
    const share = wholeYear && line.sharePercent !== null ? ` (chiếm ${formatPercent(line.sharePercent)} ${name} cả nước)` : '';
    return wholeYear
      ? `${name} ${ratio(line.actualVnd, line.planVnd)}, đạt ${formatPercent(line.percent)}${share}`
      : `${name} ${formatBillions(line.actualVnd)}, đạt ${formatPercent(line.percent)} kế hoạch năm`;
  });
  const total = wholeYear
    ? `${lead} là ${ratio(summary.total.actualVnd, summary.total.planVnd)} kế hoạch, đạt ${formatPercent(summary.total.percent)}`
    : `${lead} là ${formatBillions(summary.total.actualVnd)}, đạt ${formatPercent(summary.total.percent)} kế hoạch năm`;
  let text = `${total}; trong đó ${sources.join('; ')}.`;
  if (!wholeYear && summary.rateChangePercent !== null) {
    const direction = summary.rateChangePercent >= 0n ? 'cao hơn' : 'thấp hơn';
    const magnitude = summary.rateChangePercent < 0n ? -summary.rateChangePercent : summary.rateChangePercent;
    text += ` So với tỷ lệ thực hiện ${periodLabel(summary.previous.year, summary.previous.until).toLowerCase()} ${direction} ${formatPercent(magnitude)}.`;
  }
  return text;
}

/** "7 tháng đầu năm 2022, các Trung tâm thực hiện 59 dự án tư vấn, doanh thu 4,78 tỷ đồng, đạt 44,18 % kế hoạch năm, giảm 32,19 % so với cùng kỳ năm 2021." */
export function consultingParagraph(report: ConsultingReport): string {
  const { year, untilMonth } = report.filter;
  const label = untilMonth === 12 ? `Năm ${year}` : `${untilMonth} tháng đầu năm ${year}`;
  let text = `${label}, các Trung tâm Khuyến công thực hiện ${report.projects} dự án tư vấn, doanh thu ${formatBillions(report.revenueVnd)}, đạt ${formatPercent(report.percent)} kế hoạch năm`;
  if (report.changePercent !== null) {
    const direction = report.changePercent < 0n ? 'giảm' : 'tăng';
    const magnitude = report.changePercent < 0n ? -report.changePercent : report.changePercent;
    text += `, ${direction} ${formatPercent(magnitude)} so với cùng kỳ năm ${year - 1}`;
  }
  return `${text}.`;
}

const LEVEL_NAMES: Record<string, string> = { commune: 'cấp xã', province: 'cấp tỉnh', region: 'cấp khu vực', national: 'cấp quốc gia' };

/** "Năm 2022, 124 sản phẩm/bộ sản phẩm của 120 cơ sở được công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực." */
export function recognitionParagraph(lines: readonly RecognitionLine[]): string {
  return lines
    .map(
      (line) =>
        `Năm ${line.year}, ${line.products} sản phẩm/bộ sản phẩm của ${line.establishments} cơ sở được công nhận sản phẩm công nghiệp nông thôn tiêu biểu ${LEVEL_NAMES[line.level] ?? line.level}.`,
    )
    .join(' ');
}
