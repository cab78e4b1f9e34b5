// Labels of codes shown on screen: Vietnamese first, English second. Generated from the i18n tables and the
// reference data once, then kept by hand; labels.spec.ts checks them against the domain and the reference files.
import type { LabelTable } from './types.js';

/** Roles a user can be granted. */
export const roleLabels: LabelTable = {
  applicant: { vi: 'Cơ sở', en: 'Establishment' },
  commune_officer: { vi: 'Cán bộ xã', en: 'Commune officer' },
  provincial_officer: { vi: 'Chuyên viên Sở Công Thương', en: 'Provincial officer' },
  judge: { vi: 'Giám khảo', en: 'Judge' },
  council_member: { vi: 'Ủy viên hội đồng', en: 'Council member' },
  council_chair: { vi: 'Chủ tịch hội đồng', en: 'Council chair' },
  central_officer: { vi: 'Chuyên viên Cục', en: 'Central officer' },
  signer: { vi: 'Người ký quyết định', en: 'Signer' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  system: { vi: 'Hệ thống', en: 'System' },
};

/** Scope types of a grant. */
export const scopeTypeLabels: LabelTable = {
  establishment: { vi: 'Cơ sở', en: 'Establishment' },
  commune: { vi: 'Xã', en: 'Commune' },
  province: { vi: 'Tỉnh', en: 'Province' },
  region: { vi: 'Vùng', en: 'Region' },
  national: { vi: 'Toàn quốc', en: 'National' },
};

/** Kinds of calendar day. */
export const calendarDayKindLabels: LabelTable = {
  holiday: { vi: 'Ngày nghỉ lễ', en: 'Public holiday' },
  makeup_workday: { vi: 'Ngày làm bù', en: 'Make-up working day' },
};
