// The reference boards written by the real pins-r, pins-python and vetiver live in ../shared
// beside the repository. They are read in place (never copied); on a user's machine the folder
// is absent and the tests that need it are skipped with this message.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const candidate = path.resolve(repoRoot, '..', 'shared');

export const sharedDir: string | undefined = existsSync(path.join(candidate, 'fixtures')) ? candidate : undefined;

/** node:test options: `test('reads …', skipWithoutShared, async () => …)`. */
export const skipWithoutShared: { skip: string | false } = {
  skip: sharedDir ? false : `shared fixtures not present at ${candidate}`,
};

/** Absolute path inside ../shared/fixtures; only call from a test guarded by skipWithoutShared. */
export function fixturePath(...parts: string[]): string {
  if (!sharedDir) throw new Error('shared fixtures are not present');
  return path.join(sharedDir, 'fixtures', ...parts);
}
