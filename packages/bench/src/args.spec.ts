import { numericFlags } from './args.js';

describe('benchmark flags', () => {
  it('overrides defaults with kebab-case flags', () => {
    expect(numericFlags(['--duration', '120', '--scheme-users', '4'], { duration: 60, schemeUsers: 8 })).toEqual({ duration: 120, schemeUsers: 4 });
  });

  it('refuses unknown flags and values that are not numbers', () => {
    expect(() => numericFlags(['--durration', '5'], { duration: 60 })).toThrow(/unknown flag --durration/);
    expect(() => numericFlags(['--duration', 'long'], { duration: 60 })).toThrow(/non-negative number/);
  });
});
