import { CERTIFICATE_NUMBER_PATTERN, certificateNumber, unitInitials, validUntilFor, verificationUrl } from './numbers.js';

describe('certificate numbers', () => {
  it('formats region, national, province and commune numbers with a zero-padded sequence', () => {
    expect(certificateNumber('region', 2022, 1)).toBe('KV-2022-0001');
    expect(certificateNumber('national', 2024, 37)).toBe('QG-2024-0037');
    expect(certificateNumber('province', 2024, 7, 'gia-lai')).toBe('T-GL-2024-0007');
    expect(certificateNumber('commune', 2024, 12345, 'gia-lai-ia-mo-nong')).toBe('X-GLIMN-2024-12345');
  });

  it('drops the digits of post-reform unit codes from the initials', () => {
    expect(unitInitials('gia-lai-2025')).toBe('GL');
  });

  it('refuses a sequence below 1 and an implausible year', () => {
    expect(() => certificateNumber('region', 2022, 0)).toThrow(RangeError);
    expect(() => certificateNumber('region', 99, 1)).toThrow(RangeError);
  });

  it('produces numbers the lookup pattern accepts, and the pattern refuses anything else', () => {
    for (const number of ['KV-2022-0001', 'T-GL-2024-0007', 'QG-2030-123456']) expect(CERTIFICATE_NUMBER_PATTERN.test(number)).toBe(true);
    for (const number of ['kv-2022-0001', 'KV-2022-1', "T-GL-2024-0007'; --", '../etc/passwd']) expect(CERTIFICATE_NUMBER_PATTERN.test(number)).toBe(false);
  });
});

describe('validity', () => {
  it('runs to 31 December of the 4th year counting the year of issue as the first', () => {
    expect(validUntilFor('2024-03-15')).toBe('2027-12-31');
    expect(validUntilFor('2022-12-31')).toBe('2025-12-31');
  });

  it('refuses something that is not a date', () => {
    expect(() => validUntilFor('15/03/2024')).toThrow(RangeError);
  });
});

describe('verification address', () => {
  it('joins the public base URL and the number without a double slash', () => {
    expect(verificationUrl('http://127.0.0.1:5173/', 'KV-2022-0001')).toBe('http://127.0.0.1:5173/verify/KV-2022-0001');
  });
});
