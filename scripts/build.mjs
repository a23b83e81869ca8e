// Bundles each entry point with esbuild. Native modules (inference runtime, xxhash) stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// ESM bundles of CommonJS dependencies need a real `require` for Node's built-in modules.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
  // The server of apps written by `pinwheel write-app`; @node-rs/xxhash stays external there too and, absent from the app's node_modules, hashing falls back to WebAssembly.
  { in: 'src/server/appMain.ts', out: 'dist/app-server.js' },
];

for (const entry of entries.filter((e) => existsSync(e.in))) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: requireShim },
    sourcemap: true,
    external: ['vscode', 'onnxruntime-node', '@node-rs/xxhash'],
    logLevel: 'warning',
  });
}
