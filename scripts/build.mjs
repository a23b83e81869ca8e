// Bundles the entry points with esbuild. Native modules (inference runtime, xxhash) stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// ESM bundles of CommonJS dependencies need a real `require` for Node's built-in modules (one per chunk).
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// Code the bundles never run, left out so that node does not read and compile it at start-up.
const leaveOut = {
  name: 'leave-out',
  setup(build) {
    // Fastify's schema compilers (Ajv three times over, ajv-formats, fast-json-stringify: 1.2 MB):
    // src/server/build.ts gives Fastify stand-ins, so Fastify never requires these.
    build.onResolve({ filter: /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is left out of Pinwheel's bundles (scripts/build.mjs): Pinwheel's server gives Fastify stand-in schema compilers (src/server/build.ts).`)});`,
      loader: 'js',
    }));
    // zod's error messages in ~50 languages (`z.locales`, 360 kB): Pinwheel uses none of them, and
    // zod imports its English default itself, so the bundles keep `en` only.
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Chunks of earlier builds (their names hold a content hash) would pile up: remove those this build did not write. */
function removeStaleChunks(chunks, metafile) {
  const written = new Set(Object.keys(metafile.outputs).map((file) => path.normalize(file)));
  for (const file of existsSync(chunks) ? readdirSync(chunks) : []) {
    const chunk = path.join(chunks, file);
    if (!written.has(chunk) && !written.has(chunk.replace(/\.map$/, ''))) rmSync(chunk);
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner: { js: requireShim },
  sourcemap: true,
  external: ['vscode', 'onnxruntime-node', '@node-rs/xxhash'],
  plugins: [leaveOut],
  logLevel: 'warning',
};

// The CLI: dist/cli.js (what bin/pinwheel.js imports) holds the argument parser and every command's
// description; each command's code and dependencies (commands/<name>.run.ts, dynamically imported)
// are split into dist/chunks/, so node reads and compiles only what the command run needs.
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});

removeStaleChunks(path.join('dist', 'chunks'), cli.metafile);

// The server of apps written by `pinwheel write-app`, which copies it into the app: ONE self-contained
// file (no chunks). @node-rs/xxhash stays external there too and, absent from the app's
// node_modules, hashing falls back to WebAssembly.
await build({ ...common, entryPoints: ['src/server/appMain.ts'], outfile: 'dist/app-server.js' });

// The VS Code extension. VS Code loads `main` with require(), so dist/extension.cjs is a small CommonJS
// shim that imports the ESM bundle dist/extension/main.js on activation. That bundle is split like the
// CLI: what activation needs is in main.js, and each feature's code and dependencies (boards, previews,
// deploy writers…) are chunks imported when first used, so activation stays fast. `vscode` is resolved
// by VS Code's own require hook through the chunk's createRequire (the banner above).
// `vscode` is not a package: VS Code answers require('vscode') by patching Node's Module._load. An ESM
// `import 'vscode'` only works where VS Code also hooks ESM resolution (recent versions), so every
// import of it becomes a require through the chunk's createRequire (the banner).
const vscodeThroughRequire = {
  name: 'vscode-through-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: "module.exports = require('vscode');", loader: 'js' }));
  },
};
const extension = await build({
  ...common,
  plugins: [...common.plugins, vscodeThroughRequire],
  entryPoints: { main: 'src/extension/main.ts' },
  outdir: 'dist/extension',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});
removeStaleChunks(path.join('dist', 'extension', 'chunks'), extension.metafile);
writeFileSync('dist/extension.cjs', `'use strict';
// Written by scripts/build.mjs: VS Code requires this file; the extension itself is the ESM bundle extension/main.js.
let extension;
exports.activate = async (context) => {
  extension = await import('./extension/main.js');
  return extension.activate(context);
};
exports.deactivate = () => (extension ? extension.deactivate() : undefined);
`);

// The webview apps (webview-ui/apps/<app>/main.ts → dist/webview/<app>.js): browser bundles, one file each,
// loaded by the webview through a nonce'd <script>. CSS files next to them are bundled too.
const webviewApps = existsSync('webview-ui/apps') ? readdirSync('webview-ui/apps').filter((app) => existsSync(path.join('webview-ui/apps', app, 'main.ts'))) : [];
if (webviewApps.length > 0) {
  await build({
    entryPoints: Object.fromEntries(webviewApps.map((app) => [app, path.join('webview-ui/apps', app, 'main.ts')])),
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
}
