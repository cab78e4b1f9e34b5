import { packageOf, summariseProfile } from './cpu-profile.js';

describe('packageOf', () => {
  it('names dependencies, workspace packages, built-ins and V8 entries', () => {
    expect(packageOf('file:///r/node_modules/.pnpm/typeorm@1.1.0_pg@8/node_modules/typeorm/driver/x.js', 'f')).toBe('typeorm');
    expect(packageOf('file:///r/node_modules/.pnpm/@nestjs+core@12.5.0/node_modules/@nestjs/core/router/a.js', 'f')).toBe('@nestjs/core');
    expect(packageOf('file:///r/apps/api/dist/workflow/commands.service.js', 'execute')).toBe('apps/api');
    expect(packageOf('node:internal/streams/readable', 'read')).toBe('node (built-in modules)');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});

describe('summariseProfile', () => {
  it('adds self time per node and leaves idle time out of the shares', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const summary = summariseProfile({
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4] },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('query', 'file:///r/node_modules/pg/lib/client.js') },
        { id: 4, callFrame: frame('decide', 'file:///r/packages/domain/dist/engine.js') },
      ],
      samples: [2, 3, 3, 4],
      timeDeltas: [10_000, 3_000, 3_000, 2_000],
      startTime: 0,
      endTime: 18_000,
    });
    expect(summary.totalMs).toBe(18);
    expect(summary.busyMs).toBe(8);
    expect(summary.byPackage).toEqual([
      { name: 'pg', ms: 6, percent: 75 },
      { name: 'packages/domain', ms: 2, percent: 25 },
    ]);
    expect(summary.byFunction[0]).toEqual({ name: 'query node_modules/pg/lib/client.js:1', ms: 6, percent: 75 });
  });
});
