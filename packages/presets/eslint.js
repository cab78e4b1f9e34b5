// Shared flat ESLint config: type-aware rules, zero warnings allowed (packages run `eslint --max-warnings 0`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * @param {{ tsconfigRootDir: string, pure?: boolean, browser?: boolean, ignores?: string[] }} options
 * `pure` forbids frameworks, drivers, I/O and ambient clocks or randomness (packages/domain).
 */
export function config({ tsconfigRootDir, pure = false, browser = false, ignores = [] }) {
  const restrictedImports = pure
    ? [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'bullmq',
                'ioredis',
                'pg',
                'pg-*',
                'express',
                'fastify',
                'react',
                'node:*',
                'fs',
                'fs/*',
                'path',
                'http',
                'https',
                'net',
                'child_process',
                'crypto',
                'os',
                'axios',
              ],
              message: 'packages/domain is pure: no framework, driver or I/O (DESIGN.md §6).',
            },
          ],
        },
      ]
    : 'off';
  return tseslint.config(
    { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', ...ignores] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: browser ? globals.browser : globals.node,
        parserOptions: { projectService: true, tsconfigRootDir },
      },
      rules: {
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
        '@typescript-eslint/no-floating-promises': 'error',
        // A switch over a closed union names every member (or says default): a new engine code, effect or command
        // type breaks the build where it is not handled (the exception filter's status switch among them).
        '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
        'no-restricted-imports': restrictedImports,
        ...(pure
          ? {
              'no-restricted-properties': [
                'error',
                { object: 'Date', property: 'now', message: 'The clock comes in through the context.' },
                { object: 'Math', property: 'random', message: 'Randomness comes in through the context.' },
                { object: 'performance', property: 'now', message: 'The clock comes in through the context.' },
              ],
              'no-restricted-syntax': [
                'error',
                { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the clock; take time from the context.' },
                { selector: "CallExpression[callee.name='Date']", message: 'Date() reads the clock; take time from the context.' },
              ],
              'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval', 'require'],
            }
          : {}),
      },
    },
    {
      files: ['**/*.spec.ts', '**/*.test.ts', '**/*.spec.tsx', '**/*.test.tsx', 'test/**/*.ts', 'e2e/**/*.ts'],
      rules: {
        '@typescript-eslint/unbound-method': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
      },
    },
  );
}
