import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isUnavailable } from './http-exception.filter.js';

describe('isUnavailable: what the API answers 503 with Retry-After for', () => {
  it('counts a commit on a runner TypeORM released after its connection failed (seen during a PostgreSQL restart)', () => {
    expect(isUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('counts connection-level failures by code and by message, also as a cause', () => {
    expect(isUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailable(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: '57P01' }) }))).toBe(true);
  });

  it('does not count a query error or a programming error', () => {
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(new TypeError('undefined is not a function'))).toBe(false);
  });
});
