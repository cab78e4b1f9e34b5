import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { type RequestWithActor } from './actor.js';
import { integrityAnswer } from './constraint-errors.js';
import { noteErrorAnswer } from './error-answers.js';
import { errorBody, type ErrorResponse } from './error-response.js';
import { JSON_TOO_DEEP } from './input-guard.js';
import { toHttpError } from '../workflow/domain-errors.js';
import { UploadRejected } from './upload-rejected.js';

/**
 * The error body every client sees: an `ErrorResponse` (`{ statusCode, code, message, ...details }` with a request
 * id), built as that type on every path. Anything that is not an HttpException is a bug: logged with its stack and
 * answered as a plain 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(raised: unknown, host: ArgumentsHost): void {
    // The engine's and the pipeline's refusals get their HTTP status here, and only here.
    const exception = toHttpError(raised);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<RequestWithActor>();
    const requestId = request.requestId;
    const send = (body: ErrorResponse): void => {
      const routed = request as { method?: string; route?: { path?: string } };
      noteErrorAnswer(routed.method ?? '', routed.route?.path, body.statusCode, body.code);
      response.status(body.statusCode).json(body);
    };

    // Body-parser and Express errors (the adapter wraps them in an HttpException carrying the parser's message,
    // which quotes the body for bad JSON): answered from their type only, never with their message.
    const parserError = parserErrorOf(exception);
    if (parserError) {
      send({ statusCode: parserError.status, ...parserAnswer(parserError.status, parserError.type), requestId });
      return;
    }
    if (exception instanceof UploadRejected) {
      send({ ...exception.answer(), requestId });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = errorBody(status, exception.getResponse(), requestId, { code: defaultCode(status), message: defaultMessage(status) });
      if (body.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(body.retryAfterSeconds));
      send(body);
      return;
    }
    // Integrity and data errors are the caller's: a unique violation is the conflict the service checks for, lost in
    // a race (409 with its business code); a missing reference, a broken check or invalid text is bad input.
    const driverError = (exception as { driverError?: { code?: unknown; constraint?: unknown; detail?: unknown } }).driverError;
    const sqlState = driverError?.code;
    if (typeof sqlState === 'string') {
      const constraint = typeof driverError?.constraint === 'string' ? driverError.constraint : undefined;
      const answer = integrityAnswer(sqlState, constraint, typeof driverError?.detail === 'string' ? driverError.detail : undefined);
      if (answer) {
        this.logger.warn({ msg: 'input refused by the database', requestId, sqlState, constraint });
        send({ statusCode: answer.status, code: answer.code, message: answer.message, ...(answer.details ? { details: answer.details } : {}), requestId });
        return;
      }
    }
    // A deadlock or serialisation failure rolled the whole transaction back: nothing happened, retrying is safe.
    if (sqlState === '40P01' || sqlState === '40001') {
      this.logger.warn({ msg: 'transaction conflict', requestId, sqlState });
      response.setHeader('Retry-After', '1');
      send({
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
      send({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message:
          'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau ít giây / The database is briefly unavailable, retry in a few seconds',
        requestId,
      });
      return;
    }
    this.logger.error({ msg: 'unhandled error', requestId, error: String(exception) }, (exception as Error)?.stack);
    send({ statusCode: 500, code: 'INTERNAL', message: 'Lỗi hệ thống / Internal error', requestId });
  }
}

/** The http-errors instance of the body parser (or Express) behind an exception, if that is what it is. */
function parserErrorOf(exception: unknown): { status: number; type: unknown } | undefined {
  const candidates = [exception, exception instanceof HttpException ? exception.cause : undefined];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null || candidate instanceof HttpException) continue;
    const { status, statusCode, type } = candidate as { status?: unknown; statusCode?: unknown; type?: unknown };
    const code = typeof status === 'number' ? status : statusCode;
    if (
      typeof code === 'number' &&
      code >= 400 &&
      code < 500 &&
      (typeof type === 'string' || candidate instanceof SyntaxError || candidate instanceof URIError)
    ) {
      return { status: code, type };
    }
  }
  return undefined;
}

function parserAnswer(status: number, type: unknown): { code: string; message: string } {
  if (status === 413 || type === 'entity.too.large') return { code: 'PAYLOAD_TOO_LARGE', message: 'Nội dung quá lớn / Request body too large' };
  if (type === JSON_TOO_DEEP) return { code: 'JSON_TOO_DEEP', message: 'Nội dung JSON lồng quá sâu / The JSON body is nested too deeply' };
  if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Bảng mã hoặc kiểu nội dung không được hỗ trợ / Unsupported content encoding or charset' };
  }
  if (status === 408 || type === 'request.aborted')
    return { code: 'REQUEST_TIMEOUT', message: 'Nội dung yêu cầu không được gửi đủ / The request body did not arrive in time' };
  return { code: 'MALFORMED_REQUEST', message: 'Nội dung yêu cầu không đọc được / The request body could not be parsed' };
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

/** The message of an error Nest raised by itself (unknown route, wrong method, …), in both languages. */
function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Yêu cầu không hợp lệ / The request is malformed';
    case 401:
      return 'Chưa đăng nhập / Sign in first';
    case 403:
      return 'Không có quyền / Not allowed';
    case 404:
      return 'Không tìm thấy / Not found';
    case 405:
      return 'Phương thức không được hỗ trợ / Method not allowed';
    case 409:
      return 'Xung đột với trạng thái hiện tại / Conflicts with the current state';
    case 413:
      return 'Nội dung quá lớn / Request body too large';
    case 422:
      return 'Yêu cầu vi phạm quy tắc nghiệp vụ / The request breaks a business rule';
    case 429:
      return 'Quá nhiều yêu cầu, hãy thử lại sau / Too many requests, retry later';
    default:
      return status >= 500 ? 'Lỗi hệ thống / Internal error' : 'Yêu cầu bị từ chối / The request was refused';
  }
}

/**
 * Connection-level failures (PostgreSQL restarting, network refused, a transaction's connection gone mid-way):
 * nothing was committed, or the commit's fate is unknown — a retry with the same Idempotency-Key is safe either way.
 */
export function isUnavailable(exception: unknown): boolean {
  // The transaction's connection failed and TypeORM released it: the statements and the COMMIT that follow meet a
  // released runner (two classes, two wordings; known by class, not by message).
  if (exception instanceof QueryRunnerAlreadyReleasedError || exception instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const error = exception as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = typeof error.driverError?.code === 'string' ? error.driverError.code : typeof error.code === 'string' ? error.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08')) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection|not queryable|Client was closed|database system is (starting up|shutting down|in recovery mode)/i.test(
      message,
    )
  ) {
    return true;
  }
  const cause = (exception as { cause?: unknown }).cause;
  return cause !== undefined && cause !== exception && isUnavailable(cause);
}
