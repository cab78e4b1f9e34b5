/**
 * The region totals behind the demo finance data, worked out so that the platform's own reports print every
 * figure of the Central–Highlands conference report (Ninh Thuận, 18 Aug 2022). Amounts are integer VND; each
 * printed number is rounded half-up to hundredths from these integers (packages/reports).
 *
 * Derivation (B = 10^9 VND; a printed p means the exact value lies in [p − 0.005, p + 0.005)):
 * - 2021 national: actual 11.07 B, plan 11.14 B → 99.3716 % → "99,37 %".
 * - 2021 local: actual 37.73 B, plan 40.09 B → 94.1132 % → "94,11 %".
 * - 2021 total: 48.80 B / 51.23 B → 95.2567 % → "48,80 (95,26 %)". The article prints 48,79 (95,24 %): no data
 *   set gives both, since national ≥ 11.065 and local ≥ 37.725 force plans whose sum is below 51.225 once the
 *   total is below 48.795. We reproduce the parts; the reconciliation view explains the 0,01 gap.
 * - Shares: 11.07 / 75.25 = 14.7110 % → "14,71 %"; 37.73 / 158.80 = 23.7594 % → "23,76 %". So the other two
 *   regions disbursed 64.18 B national and 121.07 B local funds in 2021.
 * - Jan–Jul 2022: national 3.536 B of a 29.20 B year plan (12.1096 % → "3,54", "12,11 %"); local 17.166 B of
 *   43.59 B (39.3806 % → "17,17", "39,38 %"); total 20.702 B of 72.79 B (28.4407 % → "20,70", "28,44 %").
 * - Jan–Jul 2021: 8.9856 B of 51.23 B = 17.5397 %; 28.4407 / 17.5397 − 1 = 62.150 % → "62,15 %" higher.
 * - Consulting Jan–Jul 2022: 59 engagements, 4.78 B of a 10.82 B plan (44.1774 % → "44,18 %"); Jan–Jul 2021
 *   7.049 B, so 4.78 / 7.049 − 1 = −32.190 % → "giảm 32,19 %".
 * The unit tests of the API check every figure through the report routes, so a change here that breaks one fails.
 */
export const REGION = 'CENTRAL_HIGHLANDS';

/** Per region and year: plan and actual per source, and how much of the actual was paid by 31 July. */
export interface RegionYearTargets {
  nationalPlan: number;
  nationalActual: number;
  nationalByJuly: number;
  localPlan: number;
  localActual: number;
  localByJuly: number;
}

export const CENTRAL_HIGHLANDS: Record<2021 | 2022, RegionYearTargets> = {
  2021: {
    nationalPlan: 11_140_000_000,
    nationalActual: 11_070_000_000,
    nationalByJuly: 2_105_600_000,
    localPlan: 40_090_000_000,
    localActual: 37_730_000_000,
    localByJuly: 6_880_000_000,
  },
  2022: {
    nationalPlan: 29_200_000_000,
    nationalActual: 27_500_000_000,
    nationalByJuly: 3_536_000_000,
    localPlan: 43_590_000_000,
    localActual: 41_200_000_000,
    localByJuly: 17_166_000_000,
  },
};

/** The two other regions together (split between them by province count). */
export const OTHER_REGIONS: Record<2021 | 2022, RegionYearTargets> = {
  2021: {
    nationalPlan: 66_000_000_000,
    nationalActual: 64_180_000_000,
    nationalByJuly: 20_000_000_000,
    localPlan: 130_000_000_000,
    localActual: 121_070_000_000,
    localByJuly: 45_000_000_000,
  },
  2022: {
    nationalPlan: 140_000_000_000,
    nationalActual: 131_400_000_000,
    nationalByJuly: 30_000_000_000,
    localPlan: 150_000_000_000,
    localActual: 139_600_000_000,
    localByJuly: 60_000_000_000,
  },
};

/** Consulting revenue of the region's centres (VND) and the engagements behind it. */
export const CONSULTING = {
  plan2022: 10_820_000_000,
  revenueJanJul2022: 4_780_000_000,
  engagementsJanJul2022: 59,
  revenueJanJul2021: 7_049_000_000,
  engagementsJanJul2021: 72,
};

/** Provinces the article names for strong local budgets (larger local shares) and for increased support in 2022. */
export const STRONG_LOCAL = ['lam-dong', 'quang-nam', 'quang-binh'];
export const INCREASED_SUPPORT = ['gia-lai', 'quang-ngai'];
