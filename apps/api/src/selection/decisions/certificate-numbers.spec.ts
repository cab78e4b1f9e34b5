import { certificateNumber } from '@khuyencong/certificates';
import { certificateSeries } from './certificate-numbers.js';

describe('certificateSeries', () => {
  it('is the number before its year: one series per province or commune initials, one per higher level', () => {
    expect(certificateSeries('province', 'gia-lai')).toBe('T-GL');
    expect(certificateSeries('region')).toBe('KV');
    expect(certificateSeries('national')).toBe('QG');
    expect(certificateNumber('province', 2026, 7, 'gia-lai').startsWith(`${certificateSeries('province', 'gia-lai')}-2026-`)).toBe(true);
  });

  it('gives units with the same initials the same series, so their numbers cannot collide', () => {
    expect(certificateSeries('province', 'lai-chau')).toBe(certificateSeries('province', 'lao-cai'));
    expect(certificateSeries('province', 'gia-lai')).not.toBe(certificateSeries('province', 'dak-lak'));
  });
});
