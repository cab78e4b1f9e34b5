import multer from 'multer';

/**
 * A multipart upload multer refused (a file over the limit, a malformed form). Raised by the upload interceptors
 * and answered by the exception filter — the one place errors become HTTP answers.
 */
export class UploadRejected extends Error {
  constructor(
    readonly reason: unknown,
    /** The limit of the route that refused, stated in the answer. */
    readonly maxBytes: number,
  ) {
    super('upload rejected');
  }

  /** 413 with the limit for a file too large, 400 for anything else multer or busboy could not read. */
  answer(): { statusCode: number; code: string; message: string; maxBytes?: number } {
    if (this.reason instanceof multer.MulterError && this.reason.code === 'LIMIT_FILE_SIZE') {
      const megabytes = Math.round((this.maxBytes / 1024 / 1024) * 10) / 10;
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `Tệp vượt quá giới hạn ${megabytes} MB / The file exceeds the ${megabytes} MB limit`,
        maxBytes: this.maxBytes,
      };
    }
    if (this.reason instanceof multer.MulterError) {
      return {
        statusCode: 400,
        code: 'MALFORMED_REQUEST',
        message: `Biểu mẫu tải lên không hợp lệ (${this.reason.code}) / Malformed upload form: send one part named "file"`,
      };
    }
    return { statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Không đọc được nội dung multipart / The multipart body could not be parsed' };
  }
}
