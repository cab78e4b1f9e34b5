import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { type Request, type Response } from 'express';
import multer from 'multer';
import { type Observable } from 'rxjs';
import { UploadRejected } from '../common/upload-rejected.js';

/** Largest spreadsheet accepted: 5,000 rows of an establishment list are well under 2 MB. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Parses `multipart/form-data` with one `file` part into memory, bounded by IMPORT_MAX_BYTES (the documents'
 * interceptor is bounded by the document limit, larger than a spreadsheet needs). Runs after the access guard.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  }).single('file');

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) =>
        error ? reject(new UploadRejected(error, IMPORT_MAX_BYTES)) : resolve(),
      );
    });
    return next.handle();
  }
}
