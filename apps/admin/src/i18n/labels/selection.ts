// Labels of codes shown on screen: Vietnamese first, English second. Generated from the i18n tables and the
// reference data once, then kept by hand; labels.spec.ts checks them against the domain and the reference files.
import type { LabelTable } from './types.js';

/** Round and certificate levels. */
export const levelLabels: LabelTable = {
  commune: { vi: 'Cấp xã', en: 'Commune level' },
  province: { vi: 'Cấp tỉnh', en: 'Provincial level' },
  region: { vi: 'Cấp khu vực', en: 'Regional level' },
  national: { vi: 'Cấp quốc gia', en: 'National level' },
};

/** Certificate statuses. */
export const certStatusLabels: LabelTable = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
};

/** Round statuses. */
export const roundStatusLabels: LabelTable = {
  planned: { vi: 'Dự kiến', en: 'Planned' },
  open: { vi: 'Đang nhận hồ sơ', en: 'Open for entries' },
  closed: { vi: 'Đã đóng nhận hồ sơ', en: 'Closed for entries' },
  judging: { vi: 'Đang chấm', en: 'Judging' },
  decided: { vi: 'Đã có quyết định', en: 'Decided' },
  archived: { vi: 'Lưu trữ', en: 'Archived' },
};

/** Product groups (reference data). */
export const productGroupLabels: LabelTable = {
  HANDICRAFT: { vi: 'Thủ công mỹ nghệ', en: 'Handicrafts' },
  PROCESSED_FOOD: { vi: 'Chế biến nông, lâm, thủy sản và thực phẩm', en: 'Processed agricultural, forestry, fishery products and food' },
  MECHANICAL: { vi: 'Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí', en: 'Mechanical equipment, machinery, tools and parts' },
  OTHER: { vi: 'Sản phẩm khác', en: 'Other products' },
};

/** Criteria groups of the scoring sheet (reference data). */
export const criteriaGroupLabels: LabelTable = {
  MARKET: { vi: 'Đáp ứng thị trường và khả năng phát triển sản xuất', en: 'Market fit and production growth potential' },
  ECON_TECH_SOC_ENV: { vi: 'Kinh tế - kỹ thuật - xã hội và môi trường', en: 'Economic, technical, social and environmental value' },
  CULTURE_AESTHETIC: { vi: 'Tính văn hóa, tính thẩm mỹ', en: 'Cultural and aesthetic value' },
  OTHER: { vi: 'Một số tiêu chí khác', en: 'Other criteria' },
};

/** Criteria sets of the scoring sheet (reference data). */
export const criteriaSetLabels: LabelTable = {
  'TT26-PL4': {
    vi: 'Phiếu chấm điểm sản phẩm công nghiệp nông thôn tiêu biểu (Phụ lục IV)',
    en: 'Scoring sheet for typical rural industrial products (Annex IV)',
  },
};

/** Legal forms of an establishment. */
export const legalFormLabels: LabelTable = {
  enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  cooperative: { vi: 'Hợp tác xã', en: 'Cooperative' },
  household_business: { vi: 'Hộ kinh doanh', en: 'Household business' },
};
