// `node --import ./test/support/vscode/register.ts`: makes `import * as vscode from 'vscode'` resolve to
// the stub next to this file, so the extension's modules run in unit tests without VS Code. Only the
// module name `vscode` is redirected; everything else resolves as usual.
import { register } from 'node:module';

register(new URL('./resolveHook.ts', import.meta.url));
