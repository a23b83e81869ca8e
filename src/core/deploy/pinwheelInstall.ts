// Where the running Pinwheel is installed: a written app copies Pinwheel's own app-server bundle
// and derives its lockfile from Pinwheel's, so the app runs exactly the code and the
// onnxruntime-node build that were tested together.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PinsError } from '../pins/index.js';

export interface PinwheelInstall {
  /** The folder holding Pinwheel's package.json. */
  root: string;
  /** dist/app-server.js, built by `npm run build` (scripts/build.mjs). */
  serverBundle: string;
}

const PACKAGE_NAME = 'pinwheel';

function isPinwheelRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * Finds Pinwheel's folder from this module's location: dist/ for the bundles (cli.js,
 * extension.js), src/core/deploy/ when run from the sources.
 */
export function locatePinwheelInstall(from: string = fileURLToPath(import.meta.url)): PinwheelInstall {
  let dir = path.dirname(from);
  for (;;) {
    if (isPinwheelRoot(dir)) return { root: dir, serverBundle: path.join(dir, 'dist', 'app-server.js') };
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new PinsError('not-readable', `Cannot find Pinwheel's own folder (a package.json named "${PACKAGE_NAME}") above ${path.dirname(from)}, so there is no app server to copy. Run Pinwheel from its installed folder (npx pinwheel …).`);
    }
    dir = parent;
  }
}

/** The app-server bundle, checked to exist: a source checkout has it only after a build. */
export function requireServerBundle(install: PinwheelInstall): string {
  if (!existsSync(install.serverBundle)) {
    throw new PinsError('not-readable', `The app server ${install.serverBundle} does not exist: Pinwheel has not been built. Run \`npm run build\` in ${install.root}, then write the app again.`);
  }
  return install.serverBundle;
}

/**
 * Pinwheel's lockfile: package-lock.json in a checkout, else the hidden lockfile npm keeps in
 * node_modules (published packages do not ship package-lock.json).
 */
export function readPinwheelLockfile(install: PinwheelInstall): { file: string; lock: unknown } {
  const candidates = [path.join(install.root, 'package-lock.json'), path.join(install.root, 'node_modules', '.package-lock.json')];
  for (const file of candidates) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    try {
      return { file, lock: JSON.parse(text) as unknown };
    } catch (error) {
      throw new PinsError('not-readable', `${file} is not valid JSON (${(error as Error).message}). Run \`npm install\` in ${install.root} to rewrite it.`, { cause: error });
    }
  }
  throw new PinsError('not-readable', `Neither ${candidates.join(' nor ')} exists, so the app's exact dependencies cannot be written. Run \`npm install\` in ${install.root}, then write the app again.`);
}
