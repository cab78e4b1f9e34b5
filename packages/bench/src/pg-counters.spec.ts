import { parsePgSettings, perCommand } from './pg-counters.js';

describe('PostgreSQL counters of the bench', () => {
  it('reads settings as name=value pairs and refuses anything that is not one', () => {
    expect(parsePgSettings(undefined)).toEqual({});
    expect(parsePgSettings('synchronous_commit=off, commit_delay=200')).toEqual({ synchronous_commit: 'off', commit_delay: '200' });
    expect(() => parsePgSettings("work_mem='1GB'; DROP DATABASE x")).toThrow('is not name=value');
  });

  it('divides the growth of each counter by the commands', () => {
    const before = { commits: 100, walRecords: 1_000, walBytes: 50_000 };
    expect(perCommand(before, { commits: 400, walRecords: 4_000, walBytes: 290_000 }, 100)).toEqual({ commits: 3, walRecords: 30, walBytes: 2_400 });
  });
});
