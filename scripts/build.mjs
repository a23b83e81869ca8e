// Bundles the entry points with esbuild. Native modules (inference runtime, xxhash) stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
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

// Chunks of earlier builds (their names hold a content hash) would pile up in dist/chunks.
const chunks = path.join('dist', 'chunks');
const written = new Set(Object.keys(cli.metafile.outputs).map((file) => path.normalize(file)));
for (const file of existsSync(chunks) ? readdirSync(chunks) : []) {
  const chunk = path.join(chunks, file);
  if (!written.has(chunk) && !written.has(chunk.replace(/\.map$/, ''))) rmSync(chunk);
}

// The server of apps written by `pinwheel write-app`, which copies it into the app: ONE self-contained
// file (no chunks). @node-rs/xxhash stays external there too and, absent from the app's
// node_modules, hashing falls back to WebAssembly.
await build({ ...common, entryPoints: ['src/server/appMain.ts'], outfile: 'dist/app-server.js' });
