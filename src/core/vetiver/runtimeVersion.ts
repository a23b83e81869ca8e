import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | null | undefined;

/**
 * The version of the installed onnxruntime-node, read from its package.json so that the native
 * library is not loaded just to record it. Resolved at run time from this module's location,
 * which also works in the esbuild bundle (onnxruntime-node stays external in node_modules).
 * Null when it is not installed.
 */
export function installedOnnxRuntimeVersion(): string | null {
  if (cached !== undefined) return cached;
  try {
    const resolveFromHere = createRequire(import.meta.url);
    const manifest = JSON.parse(readFileSync(resolveFromHere.resolve('onnxruntime-node/package.json'), 'utf8')) as { version?: unknown };
    cached = typeof manifest.version === 'string' ? manifest.version : null;
  } catch {
    cached = null;
  }
  return cached;
}
