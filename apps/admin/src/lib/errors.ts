import type { Locale } from './format.js';

/** The error body every API route answers with: `{ statusCode, code, message: 'vi / en', ... }`. */
interface ProblemBody {
  statusCode?: number;
  code?: string;
  message?: string;
  messageVi?: string;
  messageEn?: string;
  details?: unknown;
  requestId?: string;
}

/** A refused or failed API call, carrying what the user needs to read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${messageEn}`);
  }

  static from(status: number, body: unknown): ApiError {
    const problem = (body && typeof body === 'object' ? body : {}) as ProblemBody;
    const [vi = '', en = vi] = (problem.message ?? '').split(' / ');
    return new ApiError(status, problem.code ?? `HTTP_${status}`, problem.messageVi ?? vi, problem.messageEn ?? en, problem.requestId);
  }
}

/** Throws an ApiError unless the generated client's result has data. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined && result.response.ok) return result.data;
  throw ApiError.from(result.response.status, result.error);
}

const advice: Record<Locale, Record<string, string>> = {
  vi: {
    network: 'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại; nếu vẫn lỗi, báo quản trị hệ thống.',
    401: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
    403: 'Bạn không có quyền thực hiện việc này. Nếu cần, đề nghị quản trị hệ thống cấp quyền.',
    404: 'Không tìm thấy, hoặc bạn không có quyền xem. Kiểm tra lại đường dẫn.',
    409: 'Hồ sơ vừa được người khác thay đổi. Trang đã được tải lại: hãy xem lại rồi thực hiện lại.',
    429: 'Bạn thử quá nhiều lần. Hãy đợi vài phút rồi thử lại.',
    500: 'Máy chủ gặp lỗi. Hãy thử lại sau ít phút; nếu vẫn lỗi, gửi mã yêu cầu cho quản trị hệ thống.',
  },
  en: {
    network: 'Cannot reach the server. Check your connection and try again; if it persists, tell the administrator.',
    401: 'Your session has expired. Please sign in again.',
    403: 'You are not allowed to do this. Ask the administrator for the role if you need it.',
    404: 'Not found, or not visible to you. Check the link.',
    409: 'Someone else changed this dossier. The page has been reloaded: review it and try again.',
    429: 'Too many attempts. Wait a few minutes and try again.',
    500: 'The server failed. Try again in a few minutes; if it persists, send the request id to the administrator.',
  },
};

/** What to tell the user about an error, in their language: the API's own message plus what to do next. */
export function userMessage(error: unknown, locale: Locale): string {
  const table = advice[locale];
  if (!(error instanceof ApiError)) return table.network ?? '';
  const own = locale === 'vi' ? error.messageVi : error.messageEn;
  // A 404 that names what is missing says all the generic advice would (it only repeated "not found").
  const generic = error.status >= 500 ? table[500] : error.status === 404 && own ? undefined : table[error.status];
  const parts = [own, generic].filter((part): part is string => Boolean(part));
  if (error.status >= 500 && error.requestId) parts.push(`(${error.requestId})`);
  return parts.join(' ');
}
