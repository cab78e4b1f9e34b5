import { quotaCheck } from './quota.js';

describe('the nomination quota', () => {
  it('lets a selection within what is left through and refuses the entries beyond it', () => {
    expect(quotaCheck(5, 0, 5)).toEqual({ left: 5, excess: 0 });
    expect(quotaCheck(5, 3, 2)).toEqual({ left: 2, excess: 0 });
    expect(quotaCheck(5, 3, 4)).toEqual({ left: 2, excess: 2 });
    expect(quotaCheck(5, 6, 1)).toEqual({ left: 0, excess: 1 });
    expect(quotaCheck(0, 0, 1)).toEqual({ left: 0, excess: 1 });
  });

  it('has no limit when the round sets none', () => {
    expect(quotaCheck(null, 40, 100).excess).toBe(0);
  });
});
