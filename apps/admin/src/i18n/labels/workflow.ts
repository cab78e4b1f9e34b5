// Labels of codes shown on screen: Vietnamese first, English second. Generated from the i18n tables and the
// reference data once, then kept by hand; labels.spec.ts checks them against the domain and the reference files.
import type { LabelTable } from './types.js';

/** Workflow definitions (their codes). */
export const definitionLabels: LabelTable = {
  'product-selection': { vi: 'Bình chọn sản phẩm', en: 'Product selection' },
  'khuyencong-scheme': { vi: 'Đề án khuyến công', en: 'Khuyến công scheme' },
};

/** Stages of the shipped definitions. */
export const stageLabels: LabelTable = {
  draft: { vi: 'Soạn hồ sơ', en: 'Draft' },
  screening: { vi: 'Kiểm tra hồ sơ', en: 'Screening' },
  revision: { vi: 'Bổ sung hồ sơ', en: 'Revision' },
  scoring: { vi: 'Chấm điểm', en: 'Scoring' },
  council_review: { vi: 'Hội đồng xét duyệt', en: 'Council review' },
  decision: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
  recognised: { vi: 'Đã công nhận', en: 'Recognised' },
  ineligible: { vi: 'Không đủ điều kiện', en: 'Ineligible' },
  not_recognised: { vi: 'Không được công nhận', en: 'Not recognised' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
  base_appraisal: { vi: 'Thẩm định cơ sở', en: 'Base appraisal' },
  central_appraisal: { vi: 'Thẩm định của Cục', en: 'Central appraisal' },
  awaiting_local_plan: { vi: 'Chờ phê duyệt kế hoạch địa phương', en: 'Awaiting the local plan' },
  in_plan: { vi: 'Trong kế hoạch', en: 'In plan' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  change_review: { vi: 'Xét đề nghị điều chỉnh', en: 'Change review' },
  acceptance: { vi: 'Nghiệm thu', en: 'Acceptance' },
  settlement: { vi: 'Quyết toán', en: 'Settlement' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/** Outcomes set by terminal stages. */
export const outcomeLabels: LabelTable = {
  recognised: { vi: 'Được công nhận', en: 'Recognised' },
  ineligible: { vi: 'Không đủ điều kiện', en: 'Ineligible' },
  not_recognised: { vi: 'Không được công nhận', en: 'Not recognised' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  expired: { vi: 'Hết hiệu lực', en: 'Expired' },
  settled: { vi: 'Đã quyết toán', en: 'Settled' },
  rejected: { vi: 'Không được phê duyệt', en: 'Rejected' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/** Whether a dossier is still moving. */
export const instanceStatusLabels: LabelTable = {
  active: { vi: 'Đang xử lý', en: 'In progress' },
  terminal: { vi: 'Đã kết thúc', en: 'Finished' },
};

/** A jury round’s result. */
export const juryOutcomeLabels: LabelTable = {
  passed: { vi: 'Đạt', en: 'Passed' },
  failed: { vi: 'Không đạt', en: 'Failed' },
  rescoring: { vi: 'Chấm lại', en: 'Re-scoring' },
};

/** A council’s result. */
export const councilOutcomeLabels: LabelTable = {
  approved: { vi: 'Thông qua', en: 'Approved' },
  rejected: { vi: 'Không thông qua', en: 'Not approved' },
};

/** Deadline states of a task (SLA). */
export const deadlineLabels: LabelTable = {
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  due_soon: { vi: 'Sắp đến hạn', en: 'Due soon' },
  on_time: { vi: 'Còn hạn', en: 'On time' },
  none: { vi: 'Không có hạn', en: 'No deadline' },
  paused: { vi: 'Tạm dừng tính hạn', en: 'Clock paused' },
};

/** Attribute and payload field names of a dossier. */
export const attributeLabels: LabelTable = {
  productName: { vi: 'Tên sản phẩm', en: 'Product name' },
  productGroup: { vi: 'Nhóm sản phẩm', en: 'Product group' },
  requestedAmount: { vi: 'Kinh phí đề nghị', en: 'Requested amount' },
  allocatedAmount: { vi: 'Kinh phí được duyệt', en: 'Allocated amount' },
  disbursedAmount: { vi: 'Đã giải ngân', en: 'Disbursed' },
  settledAmount: { vi: 'Kinh phí quyết toán', en: 'Settled amount' },
  fundingSource: { vi: 'Nguồn vốn', en: 'Funding source' },
  progressPercent: { vi: 'Tiến độ', en: 'Progress' },
  contractNumber: { vi: 'Số hợp đồng', en: 'Contract number' },
  changeKind: { vi: 'Loại điều chỉnh', en: 'Change kind' },
  approvedAmount: { vi: 'Kinh phí thẩm định đạt', en: 'Approved amount' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  newAllocatedAmount: { vi: 'Kinh phí sau điều chỉnh', en: 'Allocated amount after the change' },
  lowerCertificateLevel: { vi: 'Cấp của giấy chứng nhận đang có', en: 'Level of the certificate held' },
  lowerCertificateNumber: { vi: 'Số giấy chứng nhận đang có', en: 'Number of the certificate held' },
  lowerCertificateValidUntil: { vi: 'Giấy chứng nhận đang có hiệu lực đến', en: 'Certificate held valid until' },
  registrationDeadline: { vi: 'Hạn đăng ký', en: 'Registration deadline' },
  decisionReference: { vi: 'Số quyết định', en: 'Decision reference' },
};
