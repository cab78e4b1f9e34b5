import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import multer from 'multer';
import { type Observable } from 'rxjs';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';

/** The one uploaded file, in memory (bounded by UPLOAD_MAX_BYTES), as multer hands it over. */
export type UploadedDocumentFile = Express.Multer.File;

/**
 * Parses `multipart/form-data` with one `file` part. It runs after the access guard, so an anonymous caller
 * never gets to stream a body into memory, and maps multer's limit errors to our error body.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly parse: (req: Request, res: Response, done: (error?: unknown) => void) => void;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      // Browsers send UTF-8 file names without a charset parameter; busboy's default would read them as latin1.
      defParamCharset: 'utf8',
      limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) => {
        if (error) reject(this.toHttpError(error));
        else resolve();
      });
    });
    return next.handle();
  }

  private toHttpError(error: unknown): HttpException {
    if (error instanceof multer.MulterError) {
      if (error.code === 'LIMIT_FILE_SIZE') {
        const megabytes = Math.round((this.config.UPLOAD_MAX_BYTES / 1024 / 1024) * 10) / 10;
        return new HttpException(
          {
            statusCode: 413,
            code: 'PAYLOAD_TOO_LARGE',
            message: `Tệp vượt quá giới hạn ${megabytes} MB / The file exceeds the ${megabytes} MB limit`,
            maxBytes: this.config.UPLOAD_MAX_BYTES,
          },
          HttpStatus.PAYLOAD_TOO_LARGE,
        );
      }
      return new BadRequestException({
        statusCode: 400,
        code: 'MALFORMED_REQUEST',
        message: `Biểu mẫu tải lên không hợp lệ (${error.code}) / Malformed upload form: send one part named "file"`,
      });
    }
    return new BadRequestException({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'Không đọc được nội dung multipart / The multipart body could not be parsed',
    });
  }
}
