import { DomainError, domainErrorCodes, isDomainError, messages } from './errors.js';

describe('domain errors', () => {
  it('give every code a Vietnamese and an English message', () => {
    expect(domainErrorCodes.length).toBeGreaterThan(20);
    for (const code of domainErrorCodes) {
      expect(messages[code].vi.length).toBeGreaterThan(0);
      expect(messages[code].en.length).toBeGreaterThan(0);
      expect(messages[code].vi).not.toBe(messages[code].en);
    }
  });

  it('carry the code, both messages and the details', () => {
    const error = new DomainError('STALE_VERSION', { expected: 3, actual: 4 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'STALE_VERSION', details: { expected: 3, actual: 4 } });
    expect(error.messageVi).toBe(messages.STALE_VERSION.vi);
    expect(error.message).toBe(`STALE_VERSION: ${messages.STALE_VERSION.en}`);
    expect(new DomainError('NOT_ALLOWED').details).toEqual({});
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
