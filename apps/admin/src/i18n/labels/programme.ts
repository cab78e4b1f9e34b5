// Labels of codes shown on screen: Vietnamese first, English second. Generated from the i18n tables and the
// reference data once, then kept by hand; labels.spec.ts checks them against the domain and the reference files.
import type { LabelTable } from './types.js';

/** Funding sources (reference data). */
export const fundingSourceLabels: LabelTable = {
  NATIONAL: { vi: 'Khuyến công quốc gia', en: 'National fund' },
  LOCAL: { vi: 'Khuyến công địa phương', en: 'Local fund' },
};

/** Content groups of the national programme (reference data). */
export const contentGroupLabels: LabelTable = {
  CG1: {
    vi: 'Xây dựng mô hình trình diễn kỹ thuật, chuyển giao công nghệ, ứng dụng máy móc tiên tiến và tiến bộ khoa học kỹ thuật vào sản xuất công nghiệp - tiểu thủ công nghiệp',
    en: 'Technical demonstration models, technology transfer and advanced machinery in rural industry',
  },
  CG2: {
    vi: 'Mô hình thí điểm áp dụng sản xuất sạch hơn; hệ thống xử lý ô nhiễm môi trường tại cơ sở công nghiệp nông thôn',
    en: 'Cleaner-production pilots and pollution treatment at rural industrial establishments',
  },
  CG3: {
    vi: 'Hỗ trợ phát triển sản phẩm công nghiệp nông thôn (bình chọn sản phẩm tiêu biểu, hội chợ, triển lãm, phòng trưng bày)',
    en: 'Development of rural industrial products (product selection, fairs, exhibitions, showrooms)',
  },
  CG4: {
    vi: 'Hỗ trợ liên doanh, liên kết, hợp tác kinh tế, cụm liên kết ngành, chuỗi giá trị, đầu tư phát triển cụm công nghiệp',
    en: 'Joint ventures, linkages, industry clusters, value chains and industrial-cluster investment',
  },
  CG5: {
    vi: 'Phát triển nguồn nhân lực, nâng cao năng lực quản lý, tư vấn, trợ giúp cơ sở công nghiệp nông thôn',
    en: 'Human resources, management capacity, consulting and assistance to rural industrial establishments',
  },
  CG6: { vi: 'Tư vấn thông tin phát triển công nghiệp nông thôn, truyền thông', en: 'Information and communication on rural industrial development' },
  CG7: { vi: 'Nâng cao năng lực tổ chức thực hiện hoạt động khuyến công', en: 'Capacity building for industrial-promotion work' },
};

/** Sub-activities of schemes. */
export const subActivityLabels: LabelTable = {
  DEMONSTRATION_MODEL: { vi: 'Mô hình trình diễn kỹ thuật', en: 'Technical demonstration model' },
  ADVANCED_MACHINERY: { vi: 'Ứng dụng máy móc thiết bị tiên tiến', en: 'Advanced machinery and equipment' },
  CLEANER_PRODUCTION_PILOT: { vi: 'Mô hình thí điểm sản xuất sạch hơn', en: 'Cleaner-production pilot' },
  CLEANER_PRODUCTION_ASSESSMENT: { vi: 'Đánh giá sản xuất sạch hơn', en: 'Cleaner-production assessment' },
  FAIRS_EXHIBITIONS: { vi: 'Hội chợ, triển lãm', en: 'Fairs and exhibitions' },
  FAIRS_ABROAD: { vi: 'Hội chợ, triển lãm ở nước ngoài', en: 'Fairs and exhibitions abroad' },
  INDUSTRIAL_CLUSTER_WORKS: { vi: 'Hạ tầng, xử lý ô nhiễm cụm công nghiệp', en: 'Industrial-cluster infrastructure and pollution treatment' },
  TRAINING: { vi: 'Đào tạo, truyền nghề', en: 'Training and craft transmission' },
  CONSULTING: { vi: 'Tư vấn, trợ giúp cơ sở', en: 'Consulting and assistance' },
  NEW_ENTERPRISE_DIFFICULT_AREA: { vi: 'Thành lập doanh nghiệp mới ở địa bàn khó khăn', en: 'New enterprise in a difficult area' },
  COMMUNICATION: { vi: 'Thông tin, truyền thông', en: 'Information and communication' },
  CAPACITY_BUILDING: { vi: 'Nâng cao năng lực, hội thảo, tham quan', en: 'Capacity building, seminars and study tours' },
};

/** Kinds of disbursement. */
export const disbursementKindLabels: LabelTable = {
  advance: { vi: 'Tạm ứng', en: 'Advance' },
  payment: { vi: 'Thanh toán', en: 'Payment' },
};

/** Kinds of change requested on a scheme. */
export const changeKindLabels: LabelTable = {
  adjust: { vi: 'Điều chỉnh nội dung, kinh phí', en: 'Adjustment' },
  supplement: { vi: 'Bổ sung', en: 'Supplement' },
  suspend: { vi: 'Tạm dừng', en: 'Suspension' },
  cancel: { vi: 'Hủy bỏ', en: 'Cancellation' },
  extend: { vi: 'Gia hạn thời gian thực hiện', en: 'Extension' },
};

/** Kinds of a scheme's documents. */
export const schemeDocumentKindLabels: LabelTable = {
  proposal: { vi: 'Thuyết minh đề án', en: 'Proposal' },
  estimate: { vi: 'Dự toán kinh phí', en: 'Cost estimate' },
  contract: { vi: 'Hợp đồng', en: 'Contract' },
  progress_report: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  acceptance_minutes: { vi: 'Biên bản nghiệm thu', en: 'Acceptance minutes' },
  settlement: { vi: 'Hồ sơ quyết toán', en: 'Settlement papers' },
  other: { vi: 'Tài liệu khác', en: 'Other document' },
};
