// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import globals from 'globals';

/** Imports a layer may not make; the layering of DEVELOPERS.md, enforced rather than hoped for. */
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'storybook-static/',
      'coverage/',
      'reference-server/data/',
      'reference-server/dist/',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/components/**/*.ts', 'stories/**/*.ts', 'reference-server/app/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/components/**/*.ts'],
    // Lit registers tags in define files; the wc plugin's attach-shadow rules do not apply to LitElement.
    rules: { 'wc/guard-super-call': 'off' },
  },
  layer(
    ['src/schema/**/*.ts'],
    [
      {
        regex: '^(?!zod($|/)|date-fns($|/)|\\.)',
        message: 'src/schema may import only zod and date-fns (no DOM, lit, i18next, pdf-lib or Node APIs).',
      },
      {
        regex: '(^|/)(components|pdf|locales)(/|$)',
        message: 'src/schema may not import other layers.',
      },
    ],
  ),
  layer(
    ['src/components/**/*.ts'],
    [
      { regex: '^(pdf-lib|fontkit|@pdf-lib/)', message: 'pdf-lib must never reach the components bundle.' },
      { regex: '(^|/)pdf(/|$)', message: 'Components may not import the PDF layer.' },
      {
        regex: '/schema/(?!index\\.js$)',
        message: 'Import the schema only through its public barrel (../schema/index.js).',
      },
      { regex: '^node:', message: 'Components run in the browser.' },
    ],
  ),
  layer(
    ['src/pdf/**/*.ts'],
    [
      { regex: '(^|/)components(/|$)|^lit', message: 'The PDF layer may not import components or lit.' },
      {
        regex: '/schema/(?!index\\.js$)',
        message: 'Import the schema only through its public barrel (../schema/index.js).',
      },
    ],
  ),
  {
    files: ['src/pdf/**/*.ts'],
    ignores: ['src/pdf/node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: 'src/pdf runs in the browser too; Node-only code goes in src/pdf/node.ts.',
            },
            {
              regex: '(^|/)components(/|$)|^lit',
              message: 'The PDF layer may not import components or lit.',
            },
            {
              regex: '/schema/(?!index\\.js$)',
              message: 'Import the schema only through its public barrel (../schema/index.js).',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['reference-server/**/*.ts'],
    [
      {
        regex: '^(\\.\\./)+src/(schema|components|pdf|locales)(/|$)',
        message:
          'The server imports the SDK through its package exports (hersys-sdk/schema …), never ../src.',
      },
    ],
  ),
);
