// Lint, including the layer rules of DESIGN.md:
//   src/       imports nothing platform-specific (no node:*, electron, DOM, react, ws, ssh2)
//   main/      only main/electron/ may import electron; main never imports renderer/
//   renderer/  never imports main/ (and nothing from Node or Electron)
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Exact names (fs, fs/promises, path …): as patterns, 'domain' would also match our own src/domain.
const builtinPaths = (message) => builtinModules.map((name) => ({ name, message }));

const restrict = (groups, message) => ({ group: groups, message });

const srcRule = {
  'no-restricted-imports': [
    'error',
    {
      paths: builtinPaths('src/ is platform-neutral: no Node built-ins (layer rule).'),
      patterns: [
        restrict(['node:*'], 'src/ is platform-neutral: no Node built-ins (layer rule).'),
        restrict(['electron', 'electron/*'], 'src/ is platform-neutral: no electron (layer rule).'),
        restrict(['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], 'src/ is platform-neutral: no React (layer rule).'),
        restrict(['ws', 'ssh2', 'node-pty', 'electron-store'], 'src/ is platform-neutral: no Node-only libraries (layer rule).'),
        restrict(['**/main/**', '**/main', '**/renderer/**', '**/renderer'], 'src/ must not import main/ or renderer/ (layer rule).'),
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'process', 'Buffer', 'require', '__dirname'].map(
      (name) => ({ name, message: `src/ is platform-neutral: no ${name} (layer rule).` }),
    ),
  ],
};

const mainRule = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        restrict(['electron', 'electron/*', 'electron-store'], 'Only main/electron/ may import electron (layer rule).'),
        restrict(['**/renderer/**', '**/renderer'], 'main/ must not import renderer/ (layer rule).'),
      ],
    },
  ],
};

const electronRule = {
  'no-restricted-imports': [
    'error',
    { patterns: [restrict(['**/renderer/**', '**/renderer'], 'main/ must not import renderer/ (layer rule).')] },
  ],
};

const rendererRule = {
  'no-restricted-imports': [
    'error',
    {
      paths: builtinPaths('renderer/ runs in a sandboxed page: no Node built-ins (layer rule).'),
      patterns: [
        restrict(['**/main/**', '**/main'], 'renderer/ must not import main/ (layer rule).'),
        restrict(['node:*'], 'renderer/ runs in a sandboxed page: no Node built-ins (layer rule).'),
        restrict(['electron', 'electron/*', 'ssh2', 'node-pty', 'ws', 'electron-store'], 'renderer/ reaches main only through the bridge (layer rule).'),
      ],
    },
  ],
};

const isTest = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  { files: ['src/**/*.ts'], ignores: isTest, rules: srcRule },
  { files: ['main/**/*.ts'], ignores: [...isTest, 'main/electron/**'], rules: mainRule },
  { files: ['main/electron/**/*.ts'], ignores: isTest, rules: electronRule },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: isTest,
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...rendererRule, ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{js,ts}', '**/*.test.{ts,tsx}'],
    languageOptions: { globals: globals.node },
  },
);
