// Bundles each entry point with esbuild. Native modules (inference runtime, xxhash) stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// ESM bundles of CommonJS dependencies need a real `require` for Node's built-in modules.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
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
