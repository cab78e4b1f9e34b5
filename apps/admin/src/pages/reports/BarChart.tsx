import { useI18n } from '../../i18n/i18n.js';
import { formatBillions } from '../../lib/format.js';

export interface Bar {
  label: string;
  plan: number;
  actual: number;
}

/** Plan and actual side by side per line, in plain SVG (no chart library: a few hundred bytes instead of ~100 KB). */
export default function BarChart({ bars }: { bars: readonly Bar[] }) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...bars.flatMap((bar) => [bar.plan, bar.actual]));
  const rowHeight = 56;
  const labelWidth = 220;
  const width = 760;
  const scale = (value: number) => ((width - labelWidth - 170) * value) / max;
  return (
    <svg role="img" aria-label={t('reports.chart')} viewBox={`0 0 ${width} ${bars.length * rowHeight + 30}`} className="full" data-testid="chart">
      {bars.map((bar, index) => {
        const y = index * rowHeight + 6;
        return (
          <g key={bar.label}>
            <text x={0} y={y + 24} fontSize={13}>
              {bar.label}
            </text>
            <rect x={labelWidth} y={y} width={scale(bar.plan)} height={20} fill="#9aa5b1" />
            <text x={labelWidth + scale(bar.plan) + 6} y={y + 15} fontSize={12}>
              {t('reports.col.plan')}: {formatBillions(bar.plan, locale)}
            </text>
            <rect x={labelWidth} y={y + 22} width={scale(bar.actual)} height={20} fill="#b3261e" />
            <text x={labelWidth + scale(bar.actual) + 6} y={y + 37} fontSize={12}>
              {t('reports.col.actual')}: {formatBillions(bar.actual, locale)}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${labelWidth}, ${bars.length * rowHeight + 14})`} fontSize={12}>
        <rect width={12} height={12} fill="#9aa5b1" />
        <text x={18} y={11}>
          {t('reports.col.plan')}
        </text>
        <rect x={110} width={12} height={12} fill="#b3261e" />
        <text x={128} y={11}>
          {t('reports.col.actual')}
        </text>
      </g>
    </svg>
  );
}
