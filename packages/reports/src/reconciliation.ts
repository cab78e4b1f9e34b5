import { billionsHundredths, sum } from './arithmetic.js';
import { formatHundredths } from './format.js';
import { type RegionSummary } from './region-summary.js';
import { type Queryable } from './queryable.js';

/** A total compared with the sum of its lines, exactly (VND) and as printed (hundredths of a tỷ). */
export interface TotalCheck {
  name: string;
  totalVnd: bigint;
  linesSumVnd: bigint;
  /** The total as printed. */
  totalPrinted: bigint;
  /** The sum of the lines as each is printed. */
  linesPrintedSum: bigint;
  /** A figure published elsewhere (e.g. the conference report), when given. */
  publishedPrinted: bigint | null;
  /** published − sum of printed lines (or printed total − sum of printed lines when nothing was published). */
  gapPrinted: bigint;
  explanation: string;
}

/** An annual plan whose current amount differs from the allocations of the schemes in it. */
export interface PlanCheck {
  provinceCode: string | null;
  fundingSource: string;
  year: number;
  version: number;
  planVnd: bigint;
  allocationsVnd: bigint;
  differenceVnd: bigint;
}

/** Where a report's totals differ from the sums of their lines, and why. */
export function checkSummaryTotals(summary: RegionSummary, publishedActualTotal?: bigint): TotalCheck[] {
  const check = (name: string, totalVnd: bigint, lines: bigint[], published?: bigint): TotalCheck => {
    const totalPrinted = billionsHundredths(totalVnd);
    const linesPrintedSum = sum(lines.map(billionsHundredths));
    const reference = published ?? totalPrinted;
    const gapPrinted = reference - linesPrintedSum;
    const parts = lines.map((line) => formatHundredths(billionsHundredths(line))).join(' + ');
    let explanation = `Tổng ${formatHundredths(totalPrinted)} tỷ đồng khớp với tổng các dòng (${parts} = ${formatHundredths(linesPrintedSum)}).`;
    if (published !== undefined && gapPrinted !== 0n) {
      const direction = gapPrinted < 0n ? 'thấp hơn' : 'cao hơn';
      explanation =
        `Số đã công bố ${formatHundredths(published)} tỷ đồng ${direction} tổng các dòng (${parts} = ${formatHundredths(linesPrintedSum)}) ` +
        `${formatHundredths(gapPrinted < 0n ? -gapPrinted : gapPrinted)} tỷ đồng; báo cáo in ${formatHundredths(totalPrinted)} tỷ đồng ` +
        `(tính từ số nguyên đồng: ${totalVnd.toString()} đồng), nên chênh lệch nằm ở số đã công bố, không ở dữ liệu.`;
    } else if (gapPrinted !== 0n) {
      explanation =
        `Tổng ${formatHundredths(totalPrinted)} tỷ đồng lệch ${formatHundredths(gapPrinted)} so với tổng các dòng đã làm tròn ` +
        `(${parts} = ${formatHundredths(linesPrintedSum)}): mỗi số được làm tròn riêng từ số nguyên đồng.`;
    }
    return { name, totalVnd, linesSumVnd: sum(lines), totalPrinted, linesPrintedSum, publishedPrinted: published ?? null, gapPrinted, explanation };
  };
  return [
    check(
      'actual',
      summary.total.actualVnd,
      summary.sources.map((line) => line.actualVnd),
      publishedActualTotal,
    ),
    check(
      'plan',
      summary.total.planVnd,
      summary.sources.map((line) => line.planVnd),
    ),
  ];
}

/** Plans (current version) that are not the sum of the allocations of their schemes: adjustments, or stale plans. */
export async function checkPlans(db: Queryable, year: number, regionCode?: string): Promise<PlanCheck[]> {
  const params: unknown[] = [year];
  let regionWhere = '';
  if (regionCode) {
    params.push(regionCode);
    regionWhere = `AND EXISTS (SELECT 1 FROM region_memberships m WHERE m.unit_code = p.province_code AND m.region_code = $2)`;
  }
  const rows = await db.query<{ province_code: string | null; source: string; year: number; version: number; plan: string; allocations: string }[]>(
    `SELECT p.province_code, p.funding_source_code AS source, p.year, p.current_version AS version, v.amount::text AS plan,
            (SELECT COALESCE(SUM(s.allocated_amount), 0) FROM schemes s
              WHERE s.year = p.year AND s.funding_source_code = p.funding_source_code
                AND (p.province_code IS NULL OR s.province_code = p.province_code)
                AND s.stage NOT IN ('draft', 'base_appraisal', 'revision', 'central_appraisal', 'awaiting_local_plan', 'rejected', 'withdrawn'))::text AS allocations
       FROM annual_plans p JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
      WHERE p.year = $1 ${regionWhere}
      ORDER BY p.province_code NULLS FIRST, p.funding_source_code`,
    params,
  );
  return rows
    .map((row) => ({
      provinceCode: row.province_code,
      fundingSource: row.source,
      year: row.year,
      version: row.version,
      planVnd: BigInt(row.plan),
      allocationsVnd: BigInt(row.allocations),
      differenceVnd: BigInt(row.plan) - BigInt(row.allocations),
    }))
    .filter((row) => row.differenceVnd !== 0n);
}
