import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { type RequestWithActor } from './actor.js';

/**
 * The error body every client sees: `{ statusCode, code, message, ...details }` with a request id. Anything
 * that is not an HttpException is a bug: logged with its stack and answered as a plain 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<RequestWithActor>();
    const requestId = request.requestId;

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const body = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      response.status(status).json({ statusCode: status, code: body.code ?? defaultCode(status), ...body, requestId });
      return;
    }
    // Malformed JSON bodies and oversized payloads come from the body parser as plain errors with a status.
    const parserStatus = (exception as { status?: unknown; type?: unknown }).status;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      const type = (exception as { type?: unknown }).type;
      response.status(parserStatus).json({
        statusCode: parserStatus,
        code: parserStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_REQUEST',
        message: type === 'entity.too.large' ? 'Nội dung quá lớn / Request body too large' : 'Nội dung yêu cầu không đọc được / The request body could not be parsed',
        requestId,
      });
      return;
    }
    // Defence in depth: input the validation missed but PostgreSQL refused as data (SQLSTATE class 22: bad text
    // encoding, invalid uuid or date, number out of range) is the caller's error, not ours.
    const sqlState = (exception as { driverError?: { code?: unknown } }).driverError?.code;
    if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
      this.logger.warn({ msg: 'input refused by the database', requestId, sqlState });
      response.status(400).json({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Dữ liệu gửi lên không hợp lệ / The request contains invalid data', requestId });
      return;
    }
    // A deadlock or serialisation failure rolled the whole transaction back: nothing happened, retrying is safe.
    if (sqlState === '40P01' || sqlState === '40001') {
      this.logger.warn({ msg: 'transaction conflict', requestId, sqlState });
      response.setHeader('Retry-After', '1');
      response.status(409).json({
        statusCode: 409,
        code: 'CONCURRENT_UPDATE',
        message: 'Dữ liệu đang được người khác cập nhật cùng lúc, vui lòng thử lại / Someone else updated the same records at the same moment, retry',
        requestId,
      });
      return;
    }
    if (isUnavailable(exception)) {
      this.logger.warn({ msg: 'dependency unavailable', requestId, error: String(exception) });
      response.setHeader('Retry-After', '5');
      response.status(503).json({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau ít giây / The database is briefly unavailable, retry in a few seconds',
        requestId,
      });
      return;
    }
    this.logger.error({ msg: 'unhandled error', requestId, error: String(exception) }, (exception as Error)?.stack);
    response.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'Lỗi hệ thống / Internal error', requestId });
  }
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'NOT_ALLOWED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 422:
      return 'DOMAIN_RULE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return status >= 500 ? 'INTERNAL' : 'REQUEST_REFUSED';
  }
}

/**
 * Connection-level failures (PostgreSQL restarting, network refused, a transaction's connection gone mid-way):
 * nothing was committed, or the commit's fate is unknown — a retry with the same Idempotency-Key is safe either way.
 */
function isUnavailable(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = typeof error.driverError?.code === 'string' ? error.driverError.code : typeof error.code === 'string' ? error.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08')) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  if (/Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|not queryable|Client was closed|query runner was already released|database system is (starting up|shutting down|in recovery mode)/i.test(message)) {
    return true;
  }
  const cause = (exception as { cause?: unknown }).cause;
  return cause !== undefined && cause !== exception && isUnavailable(cause);
}
