// A package-lock.json for a written app, cut from Pinwheel's own lockfile without the network:
// the entries of the app's dependencies and everything they need, with the same versions,
// integrity hashes and (when npm recorded them) resolved URLs, so `npm ci` in the app installs
// exactly what Pinwheel was tested with.
import { PinsError } from '../pins/index.js';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface AppPackage {
  name: string;
  version: string;
  /** Dependency name → exact version, as the app's package.json lists them. */
  dependencies: Record<string, string>;
  engines: Record<string, string>;
}

/** Flags npm derives from the whole tree; recomputed for the app's smaller tree. */
const TREE_FLAGS = ['dev', 'devOptional', 'optional', 'peer', 'extraneous', 'inBundle'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where node (and npm) find `dependency` when `from` requires it: the nearest node_modules up the tree. */
function resolveFrom(packages: Record<string, LockEntry>, from: string, dependency: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dependency}` : `${base}/node_modules/${dependency}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const nested = base.lastIndexOf('/node_modules/');
    base = nested === -1 ? '' : base.slice(0, nested);
  }
}

function edgesOf(entry: LockEntry): { name: string; optional: boolean }[] {
  const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    // npm installs required peers; optional ones only when something else brings them.
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)).map((name) => ({ name, optional: false })),
  ];
}

/**
 * The versions of `dependencies` in Pinwheel's lockfile (`source` names it in messages).
 * Throws when the lockfile is not a v2/v3 lockfile or lacks one of them.
 */
export function lockedVersions(projectLock: unknown, dependencies: readonly string[], source: string): Record<string, string> {
  const packages = packagesOf(projectLock, source);
  return Object.fromEntries(dependencies.map((name) => {
    const version = packages[`node_modules/${name}`]?.version;
    if (typeof version !== 'string') throw incomplete(source, name);
    return [name, version];
  }));
}

function packagesOf(projectLock: unknown, source: string): Record<string, LockEntry> {
  if (!isRecord(projectLock) || !isRecord(projectLock.packages) || typeof projectLock.lockfileVersion !== 'number' || projectLock.lockfileVersion < 2) {
    throw new PinsError('not-readable', `${source} is not an npm lockfile of version 2 or 3 (npm 7 or newer writes those). Run \`npm install\` with npm 7 or newer in Pinwheel's folder.`);
  }
  return projectLock.packages as Record<string, LockEntry>;
}

function incomplete(source: string, name: string): PinsError {
  return new PinsError('not-readable', `${source} has no entry for ${name}, so the app's dependencies cannot be locked. Run \`npm install\` in Pinwheel's folder to complete it.`);
}

/** The app's lockfile (lockfileVersion 3) for `app`, whose dependencies are locked in `projectLock`. */
export function appLockfile(projectLock: unknown, app: AppPackage, source: string): Record<string, unknown> {
  const packages = packagesOf(projectLock, source);
  // path → optional (reached only through optional dependencies). A required edge upgrades a node.
  const reached = new Map<string, boolean>();
  const work: { from: string; name: string; optional: boolean }[] = Object.keys(app.dependencies).map((name) => ({ from: '', name, optional: false }));
  while (work.length > 0) {
    const { from, name, optional } = work.pop() as { from: string; name: string; optional: boolean };
    const at = resolveFrom(packages, from, name);
    if (at === undefined) {
      if (optional) continue; // an optional dependency for another platform that npm did not record
      throw incomplete(source, from === '' ? name : `${name} (needed by ${from.replace(/^.*node_modules\//, '')})`);
    }
    const entry = packages[at] as LockEntry;
    if (entry.link) {
      throw new PinsError('not-readable', `${source} links ${name} to a local folder (${String(entry.resolved)}), which an app folder cannot reproduce. Install ${name} from the registry in Pinwheel's folder.`);
    }
    const before = reached.get(at);
    if (before === false || (before === true && optional)) continue;
    reached.set(at, optional);
    for (const edge of edgesOf(entry)) work.push({ from: at, name: edge.name, optional: optional || edge.optional });
  }

  const locked: Record<string, unknown> = {
    '': { name: app.name, version: app.version, dependencies: app.dependencies, engines: app.engines },
  };
  for (const at of [...reached.keys()].sort()) {
    const entry: Record<string, unknown> = { ...packages[at] };
    for (const flag of TREE_FLAGS) delete entry[flag];
    if (reached.get(at)) entry.optional = true;
    locked[at] = entry;
  }
  return { name: app.name, version: app.version, lockfileVersion: 3, requires: true, packages: locked };
}
