/**
 * The closed list of reasons the engine refuses a command. The API maps each code to an HTTP status and the
 * worker to retry-or-fail with exhaustive switches, so adding a code here breaks their build until they
 * handle it (STYLE.md, "Errors").
 */
export type DomainErrorCode =
  | 'NOT_ALLOWED'
  | 'FOUR_EYES'
  | 'WRONG_STAGE'
  | 'UNKNOWN_ACTION'
  | 'TERMINAL_STATE'
  | 'STALE_VERSION'
  | 'DEFINITION_MISMATCH'
  | 'DEFINITION_INVALID'
  | 'DEFINITION_IMMUTABLE'
  | 'VERSION_NOT_INCREASING'
  | 'VALIDATION_FAILED'
  | 'REASON_REQUIRED'
  | 'REGISTRATION_NOT_OPEN'
  | 'DEADLINE_PASSED'
  | 'DOSSIER_INCOMPLETE'
  | 'CERTIFICATE_REQUIRED'
  | 'CONDITION_NOT_MET'
  | 'NOT_ASSIGNED'
  | 'ALREADY_CLAIMED'
  | 'ALREADY_SCORED'
  | 'ALREADY_VOTED'
  | 'SCORE_OUT_OF_BOUNDS'
  | 'QUORUM_NOT_MET'
  | 'TIMER_STALE'
  | 'BATCH_INVALID'
  | 'MIGRATION_BLOCKED';

/** A message in both languages the platform speaks: Vietnamese first, English second. */
export interface BilingualMessage {
  readonly vi: string;
  readonly en: string;
}

/**
 * Every code has both messages. The `Record` over the union makes a missing message a compile error.
 */
export const messages: Readonly<Record<DomainErrorCode, BilingualMessage>> = {
  NOT_ALLOWED: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to perform this action.' },
  FOUR_EYES: {
    vi: 'Không được xử lý hồ sơ do chính mình nộp.',
    en: 'You cannot act on your own submission (four-eyes rule).',
  },
  WRONG_STAGE: {
    vi: 'Thao tác này không thực hiện được ở bước hiện tại của hồ sơ.',
    en: 'This action is not available at the current stage.',
  },
  UNKNOWN_ACTION: { vi: 'Quy trình không có thao tác này.', en: 'The workflow has no such action.' },
  TERMINAL_STATE: {
    vi: 'Hồ sơ đã kết thúc, không nhận thêm thao tác nào.',
    en: 'The instance has ended and accepts no further actions.',
  },
  STALE_VERSION: {
    vi: 'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại.',
    en: 'The instance was changed by someone else; reload and try again.',
  },
  DEFINITION_MISMATCH: {
    vi: 'Hồ sơ không thuộc phiên bản quy trình này.',
    en: 'The instance does not belong to this workflow definition version.',
  },
  DEFINITION_INVALID: { vi: 'Định nghĩa quy trình không hợp lệ.', en: 'The workflow definition is invalid.' },
  DEFINITION_IMMUTABLE: {
    vi: 'Phiên bản quy trình đã ban hành không được sửa.',
    en: 'A published workflow version cannot be changed.',
  },
  VERSION_NOT_INCREASING: {
    vi: 'Phiên bản mới phải lớn hơn phiên bản đã ban hành gần nhất.',
    en: 'A new version must be greater than the latest published version.',
  },
  VALIDATION_FAILED: { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The submitted data is invalid.' },
  REASON_REQUIRED: { vi: 'Cần nêu lý do.', en: 'A reason is required.' },
  REGISTRATION_NOT_OPEN: {
    vi: 'Đợt bình chọn chưa mở đăng ký.',
    en: 'Registration for this round is not open yet.',
  },
  DEADLINE_PASSED: { vi: 'Đã quá hạn.', en: 'The deadline has passed.' },
  DOSSIER_INCOMPLETE: { vi: 'Hồ sơ chưa đầy đủ.', en: 'The dossier is incomplete.' },
  CERTIFICATE_REQUIRED: {
    vi: 'Cần giấy chứng nhận còn hiệu lực của cấp dưới.',
    en: 'A valid certificate of the level below is required.',
  },
  CONDITION_NOT_MET: {
    vi: 'Hồ sơ chưa đáp ứng điều kiện của thao tác này.',
    en: 'The instance does not meet the condition of this action.',
  },
  NOT_ASSIGNED: { vi: 'Bạn không được phân công việc này.', en: 'You are not assigned to this work.' },
  ALREADY_CLAIMED: { vi: 'Việc này đã có người nhận xử lý.', en: 'Someone else has already claimed this work.' },
  ALREADY_SCORED: { vi: 'Bạn đã nộp phiếu chấm cho vòng này.', en: 'You have already submitted a sheet in this round.' },
  ALREADY_VOTED: { vi: 'Bạn đã biểu quyết.', en: 'You have already voted.' },
  SCORE_OUT_OF_BOUNDS: {
    vi: 'Điểm phải từ 0 đến mức tối đa của nhóm tiêu chí, tối đa 2 chữ số thập phân.',
    en: 'Points must lie between 0 and the criteria group maximum, with at most 2 decimals.',
  },
  QUORUM_NOT_MET: { vi: 'Chưa đủ số thành viên theo quy định.', en: 'The quorum is not met.' },
  TIMER_STALE: {
    vi: 'Hẹn giờ này không còn hiệu lực.',
    en: 'This timer no longer applies to the instance.',
  },
  BATCH_INVALID: {
    vi: 'Danh sách có hồ sơ không hợp lệ; không hồ sơ nào được xử lý.',
    en: 'The list contains invalid instances; none was processed.',
  },
  MIGRATION_BLOCKED: {
    vi: 'Không thể chuyển hồ sơ sang phiên bản quy trình mới.',
    en: 'The instance cannot be moved to the new workflow version.',
  },
};

/** Extra facts about a refusal (which field, which instances), safe to show to the caller. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The one error type the engine throws. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: ErrorDetails;

  constructor(code: DomainErrorCode, details: ErrorDetails = {}) {
    const message = messages[code];
    super(`${code}: ${message.en}`);
    this.name = 'DomainError';
    this.code = code;
    this.messageVi = message.vi;
    this.messageEn = message.en;
    this.details = details;
  }
}

/** Narrowing helper for callers that catch unknown values. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** The list of every code, in declaration order (for exhaustive tests and documentation). */
export const domainErrorCodes = Object.keys(messages) as readonly DomainErrorCode[];
