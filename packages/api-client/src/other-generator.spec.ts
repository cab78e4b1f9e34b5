// A client generated from the committed OpenAPI document by a generator the project does not use
// (openapi-typescript-codegen) type-checks a whole selection and scheme journey (fixtures/other-client-journey.ts)
// under `strict`, with no `any` and no cast in the journey. The fields the document still leaves untyped are listed:
// the list may only shrink.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const generator = join(require.resolve('openapi-typescript-codegen/package.json'), '..', 'bin', 'index.js');
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
const journey = join(root, 'fixtures', 'other-client-journey.ts');

/** Model fields the document still types loosely (free-form JSON): the list may only shrink. */
const LOOSE_FIELDS = [
  'AuditEntry.details',
  'EntryView.dossier',
  'ErrorResponse.details',
  'ExportRequest.params',
  'HistoryEvent.data',
  'SupportRule.conditions',
];
/** Commands that carry nothing: the generator types an empty object as `any` (the document says `{}`, no property). */
const EMPTY_PAYLOADS = [
  'AcceptCommand',
  'ClaimCommand',
  'CloseJuryCommand',
  'UnclaimCommand',
  'SchemeApproveChangeCommand',
  'SchemeCompleteCommand',
  'SchemeResubmitCommand',
  'SchemeSubmitCommand',
].map((name) => `${name}.payload`);

describe('a client from another generator', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kc-other-client-'));
    execFileSync(
      process.execPath,
      [generator, '--input', join(root, 'openapi.json'), '--output', join(dir, 'generated'), '--client', 'fetch', '--useUnionTypes'],
      { stdio: 'pipe' },
    );
    copyFileSync(journey, join(dir, 'journey.ts'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM'],
          strict: true,
          noImplicitAny: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['journey.ts'],
      }),
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('type-checks a whole selection and scheme journey under strict', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 120_000);

  it('needs no any and no cast in the journey', () => {
    // Comments and string literals left out: only the code counts.
    const code = readFileSync(journey, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "''");
    expect(code.match(/\bany\b|\bas\s+(?!const\b)[A-Za-z{[]/g) ?? []).toEqual([]);
  });

  it('leaves untyped only the listed free-form fields (bodies, commands and answers typed)', () => {
    const models = join(dir, 'generated', 'models');
    const loose = readdirSync(models).flatMap((file) => {
      const name = file.replace(/\.ts$/, '');
      return readFileSync(join(models, file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\*)/.test(line))
        .flatMap((line) => {
          const field = /^ {4}(\w+)\??: (.*)$/.exec(line);
          return field && /\bany\b/.test(field[2]!) ? [`${name}.${field[1]}`] : [];
        });
    });
    expect(loose.filter((field) => !LOOSE_FIELDS.includes(field) && !EMPTY_PAYLOADS.includes(field)).sort()).toEqual([]);
    // The lists hold only what is still loose: a field typed since must leave them.
    expect([...LOOSE_FIELDS, ...EMPTY_PAYLOADS].filter((field) => !loose.includes(field))).toEqual([]);
  });
});
