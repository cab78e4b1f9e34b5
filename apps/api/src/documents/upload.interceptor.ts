import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { type Request, type Response } from 'express';
import multer from 'multer';
import { type Observable } from 'rxjs';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';
import { UploadRejected } from '../common/upload-rejected.js';

/** The one uploaded file, in memory (bounded by UPLOAD_MAX_BYTES), as multer hands it over. */
export type UploadedDocumentFile = Express.Multer.File;

/**
 * Parses `multipart/form-data` with one `file` part. It runs after the access guard, so an anonymous caller
 * never gets to stream a body into memory, and raises multer's refusals as UploadRejected (answered by the filter).
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
        if (error) reject(new UploadRejected(error, this.config.UPLOAD_MAX_BYTES));
        else resolve();
      });
    });
    return next.handle();
  }
}
