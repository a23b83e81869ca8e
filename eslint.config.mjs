// Lint rules. The layering rules keep src/core a pure library that the CLI, the server
// and the extension can all share: messages say what to do instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreMessage =
  'src/core is the pure library shared by the CLI, the server and the extension: it must not ' +
  'depend on them or on VS Code. Move the shared logic into src/core and call it from there.';

const webviewMessage =
  'Webview code runs in a browser page (webview-ui): it cannot use VS Code, Node or the extension. Ask the ' +
  'host through a message of webview-ui/contract, and build the UI from webview-ui/components.';

const toolkitMessage =
  '@vscode/webview-ui-toolkit is deprecated upstream: only webview-ui/components may import it, so that ' +
  'replacing it touches one folder. Use (or add) a helper in webview-ui/components.';

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
    // CommonJS files: the benchmark's baseline extension (VS Code requires extensions' main).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
    // Webview apps run in a browser page: no VS Code API, no Node, no extension code. They get
    // everything through the message contract, and their UI through webview-ui/components.
    files: ['webview-ui/**/*.ts'],
    ignores: ['webview-ui/components/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: webviewMessage },
          { name: '@vscode/webview-ui-toolkit', message: toolkitMessage },
        ],
        patterns: [
          { group: ['node:*'], message: webviewMessage },
          // Two src/core modules are browser-safe by design (no imports of Node or of anything else):
          // the preview's JSON types and the display formats, so they are not written twice.
          { regex: '(^|/)src(/(?!core/(preview/pinPreview|text/displayFormats)\\.js$).*)?$', message: webviewMessage },
          { group: ['@vscode/webview-ui-toolkit/**'], message: toolkitMessage },
        ],
      }],
    },
  },
  {
    // The components module is the one place that may use the toolkit; the same browser rules hold.
    files: ['webview-ui/components/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: webviewMessage }],
        patterns: [
          { group: ['node:*'], message: webviewMessage },
          { group: ['**/src', '**/src/**', '**/apps/**'], message: webviewMessage },
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
