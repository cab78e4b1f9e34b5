import { ApiError, userMessage } from './errors.js';

describe('userMessage', () => {
  it('says a named 404 once, without the generic "not found" after it', () => {
    const error = ApiError.from(404, {
      code: 'NOT_FOUND',
      message: 'Không tìm thấy việc này, hoặc việc đã được xử lý / This task does not exist or has been done',
    });
    expect(userMessage(error, 'vi')).toBe('Không tìm thấy việc này, hoặc việc đã được xử lý');
    expect(userMessage(error, 'en')).toBe('This task does not exist or has been done');
  });

  it('gives the generic advice to a 404 without its own message, and after a 409 and a 500 with the request id', () => {
    expect(userMessage(ApiError.from(404, {}), 'vi')).toBe('Không tìm thấy, hoặc bạn không có quyền xem. Kiểm tra lại đường dẫn.');
    expect(userMessage(ApiError.from(409, { message: 'Đã đổi / Changed' }), 'en')).toBe(
      'Changed Someone else changed this dossier. The page has been reloaded: review it and try again.',
    );
    expect(userMessage(ApiError.from(500, { requestId: 'r-1' }), 'vi')).toMatch(/^Máy chủ gặp lỗi\..*\(r-1\)$/);
  });
});
