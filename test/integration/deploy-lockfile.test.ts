// The app's package-lock.json is cut from Pinwheel's own: what `npm ci` in the app installs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appLockfile } from '../../src/core/deploy/appLockfile.js';
import { isPinsError } from '../../src/core/pins/index.js';

const app = { name: 'pinwheel-app-m', version: '1.0.0', dependencies: { runtime: '2.0.0' }, engines: { node: '>=20' } };

/** A project tree where `runtime` needs a nested `util` (the hoisted one is another version), an optional `gpu` and a peer. */
const projectLock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'pinwheel', dependencies: { runtime: '^2.0.0', util: '^1.0.0' }, devDependencies: { lint: '^1' } },
    'node_modules/runtime': { version: '2.0.0', integrity: 'sha512-r', dependencies: { util: '^3.0.0', common: '2.0.0' }, optionalDependencies: { gpu: '1' }, peerDependencies: { peer: '*' } },
    'node_modules/runtime/node_modules/util': { version: '3.1.0', integrity: 'sha512-u3', resolved: 'https://registry.npmjs.org/util/-/util-3.1.0.tgz' },
    'node_modules/util': { version: '1.0.0', integrity: 'sha512-u1' },
    'node_modules/common': { version: '2.0.0', integrity: 'sha512-c', dev: true, devOptional: true },
    'node_modules/gpu': { version: '1.0.0', integrity: 'sha512-g', optional: true, os: ['linux'] },
    'node_modules/peer': { version: '5.0.0', integrity: 'sha512-p', peer: true },
    'node_modules/lint': { version: '1.0.0', integrity: 'sha512-l', dev: true },
  },
};

test('the app lockfile holds the dependency and everything it needs, at the same paths, versions and hashes', () => {
  const lock = appLockfile(projectLock, app, 'package-lock.json') as { lockfileVersion: number; packages: Record<string, Record<string, unknown>> };
  assert.equal(lock.lockfileVersion, 3);
  assert.deepEqual(Object.keys(lock.packages), ['', 'node_modules/common', 'node_modules/gpu', 'node_modules/peer', 'node_modules/runtime', 'node_modules/runtime/node_modules/util']);
  assert.deepEqual(lock.packages[''], { name: 'pinwheel-app-m', version: '1.0.0', dependencies: { runtime: '2.0.0' }, engines: { node: '>=20' } });
  assert.deepEqual(lock.packages['node_modules/runtime/node_modules/util'], { version: '3.1.0', integrity: 'sha512-u3', resolved: 'https://registry.npmjs.org/util/-/util-3.1.0.tgz' });
  // Flags describe the app's tree, not Pinwheel's: a dev package of Pinwheel is a runtime one here.
  assert.deepEqual(lock.packages['node_modules/common'], { version: '2.0.0', integrity: 'sha512-c' });
  assert.equal(lock.packages['node_modules/gpu']?.optional, true);
  assert.equal(lock.packages['node_modules/peer']?.peer, undefined);
});

test('a lockfile missing a needed package is refused with the fix', () => {
  const broken = { ...projectLock, packages: { ...projectLock.packages, 'node_modules/common': undefined } };
  assert.throws(() => appLockfile(JSON.parse(JSON.stringify(broken)), app, '/p/package-lock.json'), (error) => isPinsError(error) && /\/p\/package-lock\.json has no entry for common \(needed by runtime\).*npm install/.test(error.message));
  assert.throws(() => appLockfile({ lockfileVersion: 1, dependencies: {} }, app, 'old.json'), (error) => isPinsError(error) && /not an npm lockfile of version 2 or 3/.test(error.message));
});
