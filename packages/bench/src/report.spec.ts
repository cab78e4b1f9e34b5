import { table } from './report.js';

describe('the printed table', () => {
  it('aligns the first column left and the figures right under a rule', () => {
    expect(
      table(
        ['what', 'per s'],
        [
          ['pg commits', '9000'],
          ['platform', '450'],
        ],
      ).split('\n'),
    ).toEqual(['what        per s', '----------  -----', 'pg commits   9000', 'platform      450']);
  });
});
