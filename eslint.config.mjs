// Lint rules. The layering rules keep src/core a pure library that the CLI, the server
// and the extension can all share: messages say what to do instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreMessage =
  'src/core is the pure library shared by the CLI, the server and the extension: it must not ' +
  'depend on them or on VS Code. Move the shared logic into src/core and call it from there.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'out/**', 'demo-board/**', '**/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: coreMessage }],
        patterns: [
          { group: ['**/extension', '**/extension/**'], message: coreMessage },
          { group: ['**/server', '**/server/**'], message: coreMessage },
          { group: ['**/cli', '**/cli/**'], message: coreMessage },
          { group: ['**/webview-ui/**'], message: coreMessage },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI and the server run without VS Code: keep vscode imports in src/extension.' }],
        patterns: [{ group: ['**/extension', '**/extension/**', '**/webview-ui/**'], message: 'The CLI and the server must not depend on the extension or the webviews; share code through src/core.' }],
      }],
    },
  },
);
