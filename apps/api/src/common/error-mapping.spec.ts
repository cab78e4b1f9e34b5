// Errors become HTTP answers in one place (issue 18): the exception filter. Services and interceptors let the
// engine's refusals (DomainError, PipelineError) and multer's (UploadRejected) through as they are.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import multer from 'multer';
import { DomainError } from '@khuyencong/domain';
import { answerStatusOf, toHttpError } from '../workflow/domain-errors.js';
import { UploadRejected } from './upload-rejected.js';

const SRC = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

describe('error mapping', () => {
  it('happens only in the exception filter', () => {
    const outside = sources(SRC)
      .filter((file) => !file.endsWith('common/http-exception.filter.ts') && !file.endsWith('workflow/domain-errors.ts'))
      .filter((file) => /\btoHttpError\(/.test(readFileSync(file, 'utf8')));
    expect(outside.map((file) => file.replace(SRC, ''))).toEqual([]);
  });

  it('gives an engine refusal its status and both messages, and counts it for metrics without mapping it', () => {
    const refusal = new DomainError('FOUR_EYES', { userId: 'u' });
    const mapped = toHttpError(refusal) as { getStatus(): number; getResponse(): { code: string; messageVi: string } };
    expect(mapped.getStatus()).toBe(403);
    expect(mapped.getResponse()).toMatchObject({ code: 'FOUR_EYES', messageVi: refusal.messageVi });
    expect(answerStatusOf(refusal)).toBe(403);
    expect(answerStatusOf(new Error('bug'))).toBeUndefined();
  });

  it('answers an upload over the limit with 413 and the limit, a malformed form with 400', () => {
    const tooLarge = new UploadRejected(new multer.MulterError('LIMIT_FILE_SIZE'), 5 * 1024 * 1024).answer();
    expect(tooLarge).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', maxBytes: 5 * 1024 * 1024 });
    expect(tooLarge.message).toContain('5 MB');
    expect(new UploadRejected(new multer.MulterError('LIMIT_UNEXPECTED_FILE'), 1).answer()).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
    expect(new UploadRejected(new Error('Unexpected end of form'), 1).answer()).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST' });
  });
});
