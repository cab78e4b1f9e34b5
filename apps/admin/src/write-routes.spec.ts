// Every state-changing route of the API is reachable from a screen: the routes of the OpenAPI document whose
// method writes are compared with the calls the admin's source makes through the generated client. A route no
// screen calls fails here, unless the allow-list below names it with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above the working directory holding pnpm-workspace.yaml. */
function repoRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pnpm-workspace.yaml not found above the working directory');
    dir = parent;
  }
  return dir;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/**
 * Write routes no screen calls, each with why. Keep it short: a route here is one the people of DESIGN.md §2
 * cannot use from the browser.
 */
const NO_SCREEN: Readonly<Record<string, string>> = {
  // None: every write route of the API has a screen (issue 14 added the scheme, plan, consulting and import ones).
};

function writeRoutes(): string[] {
  const document = JSON.parse(readFileSync(join(repoRoot(), 'packages/api-client/openapi.json'), 'utf8')) as {
    paths: Record<string, Partial<Record<string, unknown>>>;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    WRITE_METHODS.filter((method) => operations[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `api.POST('/api/…'` and friends, the path possibly on the next line. */
const CALL = /\.(POST|PUT|PATCH|DELETE)\(\s*'(\/api\/[^']+)'/g;

function calledRoutes(): Set<string> {
  const called = new Set<string>();
  for (const file of sourceFiles(join(repoRoot(), 'apps/admin/src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(CALL)) called.add(`${match[1]} ${match[2]}`);
  }
  return called;
}

describe('write routes and screens', () => {
  const routes = writeRoutes();
  const called = calledRoutes();

  it('finds the API document and the client calls it compares', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(called.has('POST /api/auth/login')).toBe(true);
  });

  it('every state-changing route is called by a screen, or is on the commented allow-list', () => {
    const missing = routes.filter((route) => !called.has(route) && NO_SCREEN[route] === undefined);
    expect(missing).toEqual([]);
  });

  it('the allow-list names only routes that exist and that no screen calls', () => {
    const stale = Object.keys(NO_SCREEN).filter((route) => !routes.includes(route) || called.has(route));
    expect(stale).toEqual([]);
  });
});
