// Regenerates the API client from the API's code: OpenAPI document (no server, no database) → TypeScript types.
// The result is committed; `npm test` fails when regenerating would change it.
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, fail, root, run, turboEnv } from './lib.mjs';

const pnpm = await ensurePnpm();
await ensureDependencies(pnpm);
if ((await run(pnpm, ['exec', 'turbo', 'run', 'build', '--filter=@khuyencong/api', '--output-logs=errors-only'], { env: turboEnv })) !== 0) {
  fail('building the API failed');
}
const output = join(root, 'packages', 'api-client', 'openapi.json');
if ((await run('node', [join(root, 'apps', 'api', 'dist', 'openapi.js'), output])) !== 0) fail('writing the OpenAPI document failed');
if ((await run(pnpm, ['--filter', '@khuyencong/api-client', 'generate'])) !== 0) fail('generating the client failed');
