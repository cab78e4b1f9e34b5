/**
 * What each PostgreSQL integrity error means to a caller. Services check existence first for a clear answer, but
 * two requests at once both pass the check and the database refuses the second: that refusal is the caller's
 * conflict (409 with the same business meaning), never our 500. Every unique constraint and unique index of the
 * migrations is listed here; `test/unique-constraints.int-spec.ts` reads them from the migrated catalog and fails
 * on any that is missing.
 */
export interface ConstraintMeaning {
  code: string;
  /** "Vietnamese / English", like every message of the API. */
  message: string;
}

const exists = (code: string, vi: string, en: string): ConstraintMeaning => ({ code, message: `${vi} / ${en}` });
const concurrent = exists(
  'CONCURRENT_UPDATE',
  'Dữ liệu đang được cập nhật cùng lúc, vui lòng thử lại',
  'Someone else updated the same records at the same moment, retry',
);

export const UNIQUE_CONSTRAINTS: Readonly<Record<string, ConstraintMeaning>> = {
  // Reference data (admin-managed codes).
  pk_administrative_units: exists('UNIT_EXISTS', 'Mã đơn vị hành chính đã tồn tại', 'An administrative unit with this code exists'),
  uq_administrative_units_official_code: exists(
    'UNIT_OFFICIAL_CODE_EXISTS',
    'Mã chính thức của đơn vị đã được dùng',
    'Another unit of this level has this official code',
  ),
  pk_calendars: exists('CALENDAR_EXISTS', 'Mã lịch đã tồn tại', 'A calendar with this code exists'),
  pk_calendar_days: exists('CALENDAR_DAY_EXISTS', 'Ngày này đã có trong lịch', 'This date is already in the calendar: update it instead'),
  pk_content_groups: exists('CONTENT_GROUP_EXISTS', 'Nhóm nội dung đã tồn tại', 'This content group exists'),
  pk_criteria_groups: exists('CRITERIA_GROUP_EXISTS', 'Nhóm tiêu chí đã tồn tại', 'This criteria group exists'),
  pk_criteria_sets: exists('CRITERIA_SET_EXISTS', 'Bộ tiêu chí đã tồn tại', 'This criteria set exists'),
  pk_funding_sources: exists('FUNDING_SOURCE_EXISTS', 'Nguồn kinh phí đã tồn tại', 'This funding source exists'),
  pk_product_groups: exists('PRODUCT_GROUP_EXISTS', 'Nhóm sản phẩm đã tồn tại', 'This product group exists'),
  pk_programmes: exists('PROGRAMME_EXISTS', 'Chương trình đã tồn tại', 'This programme exists'),
  pk_region_memberships: exists('REGION_MEMBERSHIP_EXISTS', 'Tỉnh đã thuộc vùng từ ngày này', 'This unit already belongs to the region from that date'),
  pk_regions: exists('REGION_EXISTS', 'Mã vùng đã tồn tại', 'A region with this code exists'),
  pk_support_rules: exists('SUPPORT_RULE_EXISTS', 'Mã định mức hỗ trợ đã tồn tại', 'A support rule with this code exists'),
  pk_scheme_rules: exists(
    'SCHEME_RULE_EXISTS',
    'Mã quy định tạm ứng hoặc hạn đăng ký đã tồn tại',
    'An advance or registration-deadline rule with this code exists',
  ),
  pk_unit_successions: exists('SUCCESSION_EXISTS', 'Việc sáp nhập này đã được ghi', 'This succession is already recorded'),
  // Identity.
  pk_users: exists('USER_EXISTS', 'Người dùng đã tồn tại', 'This user exists'),
  uq_users_email: exists('EMAIL_EXISTS', 'Email đã được dùng', 'A user with this e-mail already exists'),
  pk_role_grants: exists('GRANT_EXISTS', 'Người dùng đã có vai trò này trong phạm vi này', 'The user already holds this role in this scope'),
  uq_role_grants_open: exists('GRANT_EXISTS', 'Người dùng đã có vai trò này trong phạm vi này', 'The user already holds this role in this scope'),
  pk_refresh_tokens: exists('SESSION_CONFLICT', 'Phiên đăng nhập bị trùng, vui lòng thử lại', 'The session collided with another one, retry'),
  uq_refresh_tokens_token_hash: exists('SESSION_CONFLICT', 'Phiên đăng nhập bị trùng, vui lòng thử lại', 'The session collided with another one, retry'),
  pk_audit_log: concurrent,
  pk_idempotency_keys: exists(
    'IDEMPOTENCY_KEY_IN_USE',
    'Khóa Idempotency-Key đang được xử lý, hãy thử lại',
    'A request with this Idempotency-Key is in progress, retry',
  ),
  // Organisations and establishments.
  pk_organisations: exists('ORGANISATION_EXISTS', 'Tổ chức đã tồn tại', 'This organisation exists'),
  uq_organisations_tax_code: exists('TAX_CODE_EXISTS', 'Mã số thuế đã được một tổ chức đăng ký', 'This tax code is already registered by an organisation'),
  uq_organisations_establishment_tax_code: exists('ALREADY_REGISTERED', 'Mã số thuế đã được đăng ký', 'This tax code is already registered'),
  // Workflow engine: a second writer at the same moment lost the race.
  pk_workflow_definitions: exists('DEFINITION_IMMUTABLE', 'Phiên bản quy trình đã được công bố', 'This workflow definition version is already published'),
  pk_workflow_instances: concurrent,
  pk_workflow_events: concurrent,
  uq_workflow_events_instance_seq: concurrent,
  pk_open_tasks: concurrent,
  pk_outbox: concurrent,
  pk_effect_receipts: concurrent,
  pk_notifications: concurrent,
  // A person's e-mail window row is written by the worker's turn under its lock (issue 19).
  pk_email_windows: concurrent,
  uq_notifications_outbox_user_channel: concurrent,
  pk_timers: concurrent,
  uq_timers_instance_key: concurrent,
  pk_schema_migrations: concurrent,
  // Documents.
  pk_documents: exists('DOCUMENT_EXISTS', 'Tài liệu đã tồn tại', 'This document exists'),
  uq_documents_storage_key: exists('DOCUMENT_EXISTS', 'Tài liệu đã tồn tại', 'This document exists'),
  // Selection.
  pk_rounds: exists('ROUND_EXISTS', 'Đợt bình chọn đã tồn tại', 'This round exists'),
  uq_rounds_level_scope_year: exists('ROUND_EXISTS', 'Đã có đợt bình chọn cho cấp, đơn vị và năm này', 'A round exists for this level, unit and year'),
  pk_entries: exists('ENTRY_EXISTS', 'Hồ sơ đã tồn tại', 'This entry exists'),
  uq_entries_round_nominated_from: exists('ALREADY_NOMINATED', 'Sản phẩm đã được đề cử vào đợt này', 'This product is already nominated to the round'),
  // Tracking codes come from entry_counters under a row lock: a clash means two writers raced past it.
  uq_entries_code: concurrent,
  pk_entry_counters: concurrent,
  pk_recognition_decisions: exists('DECISION_EXISTS', 'Quyết định công nhận đã tồn tại', 'This decision exists'),
  uq_recognition_decisions_round: exists('DECISION_EXISTS', 'Đợt bình chọn đã có quyết định công nhận', 'The round already has its decision'),
  pk_certificates: exists('CERTIFICATE_EXISTS', 'Giấy chứng nhận đã tồn tại', 'This certificate exists'),
  uq_certificates_number: exists('CERTIFICATE_NUMBER_EXISTS', 'Số giấy chứng nhận đã được cấp', 'This certificate number is already issued'),
  uq_certificates_instance: exists('CERTIFICATE_EXISTS', 'Sản phẩm đã có giấy chứng nhận', 'This entry already has its certificate'),
  uq_certificates_level_year_sequence: exists('CERTIFICATE_NUMBER_EXISTS', 'Số giấy chứng nhận đã được cấp', 'This certificate number is already issued'),
  pk_certificate_counters: concurrent,
  pk_certificate_pdfs: concurrent,
  // Schemes, plans and finance.
  pk_schemes: exists('SCHEME_EXISTS', 'Đề án đã tồn tại', 'This scheme exists'),
  pk_scheme_documents: exists('DOCUMENT_ALREADY_ATTACHED', 'Tài liệu này đã có trong hồ sơ đề án', 'This document is already attached to the scheme'),
  uq_schemes_code: exists('SCHEME_CODE_EXISTS', 'Mã đề án đã được dùng', 'A scheme with this code exists'),
  uq_schemes_instance: concurrent,
  pk_scheme_beneficiaries: concurrent,
  pk_scheme_budget_lines: concurrent,
  uq_scheme_budget_lines_position: exists('BUDGET_LINE_EXISTS', 'Dòng dự toán ở vị trí này đã tồn tại', 'A budget line exists at this position'),
  pk_scheme_changes: concurrent,
  pk_scheme_group_totals: concurrent,
  uq_scheme_group_totals_group: concurrent,
  pk_scheme_group_disbursed_days: concurrent,
  pk_annual_plans: exists('PLAN_EXISTS', 'Kế hoạch đã tồn tại', 'This plan exists'),
  uq_annual_plans_scope: exists('PLAN_EXISTS', 'Đã có kế hoạch cho tỉnh, nguồn vốn và năm này', 'A plan exists for this province, funding source and year'),
  pk_annual_plan_versions: concurrent,
  pk_disbursements: exists('DISBURSEMENT_EXISTS', 'Khoản giải ngân đã tồn tại', 'This disbursement exists'),
  pk_acceptances: exists('ACCEPTANCE_EXISTS', 'Biên bản nghiệm thu đã tồn tại', 'This acceptance exists'),
  uq_acceptances_attempt: exists('ACCEPTANCE_EXISTS', 'Lần nghiệm thu này đã được ghi', 'This acceptance attempt is already recorded'),
  pk_settlements: exists('SETTLEMENT_EXISTS', 'Đề án đã được quyết toán', 'The scheme is already settled'),
  pk_consulting_engagements: exists('ENGAGEMENT_EXISTS', 'Hợp đồng tư vấn đã tồn tại', 'This consulting engagement exists'),
  pk_consulting_plans: exists(
    'CONSULTING_PLAN_EXISTS',
    'Đã có kế hoạch doanh thu tư vấn cho tỉnh và năm này',
    'A consulting plan exists for this province and year',
  ),
  pk_consulting_revenues: exists('REVENUE_EXISTS', 'Doanh thu kỳ này đã được ghi', 'Revenue for this period is already recorded'),
  pk_report_exports: concurrent,
  // Spreadsheet import.
  pk_annual_plan_lines: concurrent,
  uq_annual_plan_lines_scope: exists(
    'PLAN_LINE_EXISTS',
    'Đã có dòng kế hoạch cho tỉnh, năm, nhóm nội dung và nguồn kinh phí này',
    'A plan line exists for this province, year, content group and source',
  ),
  // Inbox claims: one claim per task (record, stage, role, scope); a second claim at the same moment loses.
  pk_task_claims: exists('ALREADY_CLAIMED', 'Việc này vừa được người khác nhận', 'Someone else has just claimed this task'),
};

/** A unique constraint nobody has described yet: still the caller's conflict, never a 500. */
export const UNKNOWN_UNIQUE: ConstraintMeaning = exists('CONFLICT', 'Bản ghi trùng với bản ghi đã có', 'The record conflicts with an existing one');

export interface IntegrityAnswer {
  status: number;
  code: string;
  message: string;
  /** Facts about the refusal (the unit, the date, the successors), sent as `details`. */
  details?: Record<string, unknown>;
}

/** Codes of the units-in-force triggers (migration 1764105000000): a unit not in force on the record's date, … */
export const UNIT_CODES = ['UNIT_NOT_IN_FORCE', 'COMMUNE_OUTSIDE_PROVINCE', 'UNKNOWN_UNIT'] as const;

interface UnitDetail {
  unitCode?: string;
  unitName?: string;
  level?: string;
  date?: string;
  dateTo?: string;
  validFrom?: string;
  validTo?: string | null;
  successors?: { code: string; name: string }[];
  communeCode?: string;
  provinceCode?: string;
  communeProvinceCode?: string;
}

function parseDetail(detail: string | undefined): UnitDetail {
  try {
    const parsed: unknown = JSON.parse(detail ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The answer for a refusal of the units-in-force triggers (SQLSTATE 23514 with their constraint name), or undefined.
 * "Đơn vị Gia Lai (gia-lai) không còn hiệu lực từ 2025-07-01; đơn vị kế thừa: Gia Lai (gia-lai-2025)".
 */
export function unitAnswer(constraint: string | undefined, detail: string | undefined): IntegrityAnswer | undefined {
  const facts = parseDetail(detail);
  if (constraint === 'ck_unit_in_force') {
    const unit = `${facts.unitName ?? ''} (${facts.unitCode ?? ''})`;
    const successors = (facts.successors ?? []).map((s) => `${s.name} (${s.code})`).join(', ');
    const when = facts.dateTo && facts.dateTo !== facts.date ? `${facts.date ?? ''}…${facts.dateTo}` : (facts.date ?? '');
    const message =
      facts.validTo && (facts.date ?? '') > facts.validTo
        ? `Đơn vị ${unit} không còn hiệu lực từ ${nextDay(facts.validTo)}; đơn vị kế thừa: ${successors || 'không có'} / ` +
          `Unit ${unit} abolished on ${nextDay(facts.validTo)}; successor: ${successors || 'none'}`
        : `Đơn vị ${unit} chưa có hiệu lực vào ${when} (hiệu lực từ ${facts.validFrom ?? ''}) / Unit ${unit} is not yet in force on ${when} (in force from ${facts.validFrom ?? ''})`;
    return { status: 422, code: 'UNIT_NOT_IN_FORCE', message, details: { ...facts } };
  }
  if (constraint === 'ck_commune_in_province') {
    return {
      status: 422,
      code: 'COMMUNE_OUTSIDE_PROVINCE',
      message: `Xã ${facts.communeCode ?? ''} không thuộc tỉnh ${facts.provinceCode ?? ''} (thuộc ${facts.communeProvinceCode ?? ''}) / Commune ${facts.communeCode ?? ''} is not in province ${facts.provinceCode ?? ''} (it is in ${facts.communeProvinceCode ?? ''})`,
      details: { ...facts },
    };
  }
  if (constraint === 'ck_unit_known') {
    return {
      status: 422,
      code: 'UNKNOWN_UNIT',
      message: `Không có đơn vị hành chính ${facts.unitCode ?? ''} (cấp ${facts.level ?? ''}) / Unknown ${facts.level ?? ''} unit ${facts.unitCode ?? ''}`,
      details: { ...facts },
    };
  }
  return undefined;
}

/**
 * The answer for a PostgreSQL integrity or data error (SQLSTATE class 23 or 22), or undefined for anything else.
 * Unique violations name their constraint; the others say what kind of input broke the rule.
 */
export function integrityAnswer(sqlState: string, constraint: string | undefined, detail: string | undefined): IntegrityAnswer | undefined {
  if (sqlState === '23505') {
    const meaning = (constraint !== undefined ? UNIQUE_CONSTRAINTS[constraint] : undefined) ?? UNKNOWN_UNIQUE;
    return { status: 409, ...meaning };
  }
  if (sqlState === '23503') {
    // On insert or update the referenced record is missing; on delete the record is still referenced.
    if (detail?.includes('is still referenced')) {
      return { status: 409, code: 'STILL_REFERENCED', message: 'Bản ghi đang được dùng ở nơi khác / The record is still referenced by others' };
    }
    return {
      status: 422,
      code: 'UNKNOWN_REFERENCE',
      message: 'Dữ liệu tham chiếu đến bản ghi không tồn tại / The request refers to a record that does not exist',
    };
  }
  if (sqlState === '23514') {
    const unit = unitAnswer(constraint, detail);
    if (unit) return unit;
  }
  if (sqlState === '23514' || sqlState === '23P01') {
    return { status: 422, code: 'DOMAIN_RULE', message: 'Dữ liệu vi phạm quy tắc nghiệp vụ / The request breaks a business rule' };
  }
  if (sqlState === '23502' || sqlState.startsWith('22')) {
    return { status: 400, code: 'MALFORMED_REQUEST', message: 'Dữ liệu gửi lên không hợp lệ / The request contains invalid data' };
  }
  return undefined;
}
