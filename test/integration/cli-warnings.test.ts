// Writing text that pandas and R would read back from CSV as numbers (zip codes): the user is
// told on stderr (and in --json), and pinning the same file as parquet raises no warning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureCliBuilt, pinwheel, tempFolders } from './cli-harness.js';

const temp = tempFolders('cli-warnings');
before(ensureCliBuilt);
after(() => temp.cleanup());

test('a csv pin of zip codes warns that pandas and R would drop the leading zeros; parquet does not', async () => {
  const dir = await temp.make();
  const zips = path.join(dir, 'zips.csv');
  await writeFile(zips, 'zip,city\n"01234",Boston\n"90210",Beverly Hills\n');
  const b = ['--board', path.join(dir, 'board'), '--create'];

  const csv = await pinwheel(['write', zips, '--name', 'zips', ...b]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stderr, /^Note: Column "zip" holds text such as "01234".*arrow or parquet/m);

  const asJson = await pinwheel(['write', zips, '--name', 'zips', '--force-identical', '--json', ...b]);
  assert.deepEqual((JSON.parse(asJson.stdout) as { warnings: string[] }).warnings.length, 1);

  const parquet = await pinwheel(['write', zips, '--name', 'zips_pq', '--type', 'parquet', ...b]);
  assert.equal(parquet.code, 0, parquet.stderr);
  assert.doesNotMatch(parquet.stderr, /Note:/);
});
