/**
 * Sub-activities of schemes and their advance rules (DESIGN.md §5; reference khuyencong.json `schemeRules`).
 * - `soft`: training, craft transmission, consulting, seminars, study tours, brand building, fairs, cleaner-production
 *   assessment — an advance of up to 70 % of the allocation.
 * - `cluster_works`: industrial-cluster infrastructure and pollution treatment — 30 %, and only once more than 50 %
 *   of the eligible workload is done.
 * - `none`: equipment and models are paid against accepted work; no advance (an assumption: the rules we hold
 *   name advances for the two kinds above only).
 */
export type AdvanceCategory = 'soft' | 'cluster_works' | 'none';

export interface SubActivity {
  code: string;
  contentGroup: string;
  advance: AdvanceCategory;
  name: string;
}

export const SUB_ACTIVITIES: readonly SubActivity[] = [
  { code: 'DEMONSTRATION_MODEL', contentGroup: 'CG1', advance: 'none', name: 'Mô hình trình diễn kỹ thuật' },
  { code: 'ADVANCED_MACHINERY', contentGroup: 'CG1', advance: 'none', name: 'Ứng dụng máy móc thiết bị tiên tiến' },
  { code: 'CLEANER_PRODUCTION_PILOT', contentGroup: 'CG2', advance: 'none', name: 'Mô hình thí điểm sản xuất sạch hơn' },
  { code: 'CLEANER_PRODUCTION_ASSESSMENT', contentGroup: 'CG2', advance: 'soft', name: 'Đánh giá sản xuất sạch hơn' },
  { code: 'FAIRS_EXHIBITIONS', contentGroup: 'CG3', advance: 'soft', name: 'Hội chợ, triển lãm' },
  { code: 'FAIRS_ABROAD', contentGroup: 'CG3', advance: 'soft', name: 'Hội chợ, triển lãm ở nước ngoài' },
  { code: 'INDUSTRIAL_CLUSTER_WORKS', contentGroup: 'CG4', advance: 'cluster_works', name: 'Hạ tầng, xử lý ô nhiễm cụm công nghiệp' },
  { code: 'TRAINING', contentGroup: 'CG5', advance: 'soft', name: 'Đào tạo, truyền nghề' },
  { code: 'CONSULTING', contentGroup: 'CG5', advance: 'soft', name: 'Tư vấn, trợ giúp cơ sở' },
  { code: 'NEW_ENTERPRISE_DIFFICULT_AREA', contentGroup: 'CG5', advance: 'none', name: 'Thành lập doanh nghiệp mới ở địa bàn khó khăn' },
  { code: 'COMMUNICATION', contentGroup: 'CG6', advance: 'soft', name: 'Thông tin, truyền thông' },
  { code: 'CAPACITY_BUILDING', contentGroup: 'CG7', advance: 'soft', name: 'Nâng cao năng lực, hội thảo, tham quan' },
];

export function subActivity(code: string): SubActivity | undefined {
  return SUB_ACTIVITIES.find((candidate) => candidate.code === code);
}

/**
 * The advance categories' usual caps, for planning the demo data only. Requests are checked against the dated
 * advance rules (scheme_rules, with their citation) in force on the scheme's date — see dated-rules.ts.
 */
export const ADVANCE_RULES: Record<AdvanceCategory, { maxPercent: number; progressAbove: number | null; basis: string }> = {
  soft: { maxPercent: 70, progressAbove: null, basis: 'TT 28/2018/TT-BTC: tạm ứng tối đa 70 % đối với đào tạo, tư vấn, hội chợ, hội thảo' },
  cluster_works: {
    maxPercent: 30,
    progressAbove: 50,
    basis: 'TT 28/2018/TT-BTC: tạm ứng tối đa 30 % đối với hạ tầng cụm công nghiệp, sau khi thực hiện trên 50 % khối lượng',
  },
  none: { maxPercent: 0, progressAbove: null, basis: 'Thanh toán theo khối lượng nghiệm thu, không tạm ứng' },
};
