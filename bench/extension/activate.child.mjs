// One activation, in a fresh Node process: `node activate.child.mjs <vscode-stub.mjs> <extension main>`.
// Like VS Code's extension host, `require('vscode')` is answered by patching Module._load; then the
// extension's `main` is required and `activate` awaited. Prints the milliseconds as JSON.
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [stubFile, mainFile] = process.argv.slice(2);
const vscode = await import(pathToFileURL(stubFile).href);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const storage = process.env.BENCH_STORAGE;
const context = {
  subscriptions: [],
  extensionPath: process.env.BENCH_EXTENSION_PATH,
  extensionUri: vscode.Uri.file(process.env.BENCH_EXTENSION_PATH),
  globalStorageUri: vscode.Uri.file(storage),
  storageUri: vscode.Uri.file(storage),
  logUri: vscode.Uri.file(storage),
  globalState: { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  asAbsolutePath: (relative) => `${process.env.BENCH_EXTENSION_PATH}/${relative}`,
};
const start = performance.now();
const extension = Module.createRequire(import.meta.url)(mainFile);
await extension.activate(context);
const activateMs = performance.now() - start;
const loaded = Object.keys(Module._cache).filter((file) => /onnxruntime/.test(file));
console.log(JSON.stringify({ activateMs, onnxruntimeLoaded: loaded.length > 0 }));
await extension.deactivate?.();
for (const subscription of context.subscriptions) subscription.dispose?.();
process.exit(0);
