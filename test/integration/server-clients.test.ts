// The predict server called the way vetiver's own clients call it, with the libraries they use
// (Python: requests + pandas; R: httr + jsonlite), over a real socket. vetiver itself cannot be
// installed here (no PyPI/CRAN), so the scripts in compat/ do what its client code does (spec §5.6).
// Without the Debian packages the tests are skipped with the command to install them; in CI
// (CI=true), where .ci/run installs them, a missing one fails instead.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest, forestServer } from '../support/servedForest.js';

const run = promisify(execFile);
const COMPAT = path.join(import.meta.dirname, 'compat');
const ENV = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
const INSTALL_HINT = 'apt-get install -y python3-pandas python3-requests r-base-core r-cran-httr r-cran-jsonlite (.ci/run does this in CI)';

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { env: ENV, timeout: 60_000 }).status === 0;
}
const PYTHON = ['/usr/bin/python3', 'python3'].find((python) => works(python, ['-c', 'import pandas, requests']));
const hasR = works('Rscript', ['-e', 'stopifnot(requireNamespace("httr", quietly = TRUE), requireNamespace("jsonlite", quietly = TRUE))']);
const inCi = Boolean(process.env.CI);
const pythonClient = skipWithoutShared.skip ? skipWithoutShared : !PYTHON && !inCi ? { skip: `needs python3 with pandas and requests: ${INSTALL_HINT}` } : {};
const rClient = skipWithoutShared.skip ? skipWithoutShared : !hasR && !inCi ? { skip: `needs Rscript with httr and jsonlite: ${INSTALL_HINT}` } : {};

describe('vetiver clients against the predict server', () => {
  let app: FastifyInstance;
  let url = '';
  before(async () => {
    if (skipWithoutShared.skip) return;
    ({ app } = await forestServer());
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/predict`;
  });
  after(async () => app?.close());

  const python = async (rows: unknown, mode: 'frame' | 'dict') =>
    JSON.parse((await run(PYTHON ?? 'python3', [path.join(COMPAT, 'vetiver-python-client.py'), url, JSON.stringify(rows), mode], { env: ENV })).stdout) as Record<string, unknown>;
  const r = async (rows: unknown) =>
    JSON.parse((await run('Rscript', [path.join(COMPAT, 'vetiver-r-client.R'), url, JSON.stringify(rows)], { env: ENV })).stdout) as Record<string, unknown>;

  test('Python: a DataFrame sent without Content-Type comes back as a one-column frame "predict" with the fixture predictions', pythonClient, async () => {
    const { rows, onnx_float32_latest_model: expected } = expectedForest();
    const answer = await python(rows, 'frame');
    assert.equal(answer.content_type_sent, null, 'the client sends no Content-Type for a DataFrame');
    assert.deepEqual(answer.columns, ['predict']);
    (answer.values as number[]).forEach((value, index) => assert.ok(closeToFloat32(value, expected[index] ?? NaN)));
    const single = await python(rows, 'dict');
    assert.equal((single.values as number[]).length, 1);
  });

  test('Python: a row with a missing column raises TypeError naming the row and column', pythonClient, async () => {
    const { rows } = expectedForest();
    const broken = rows.map((row) => ({ ...row, animals: undefined }));
    const answer = await python(broken, 'frame');
    assert.equal(answer.raised, 'TypeError');
    // The TypeError carries the server's JSON error, which a person reads as it is.
    const error = JSON.parse(String(answer.message)) as { message: string; details: { row: number; column: string }[] };
    assert.match(error.message, /row 0, column "animals": missing/);
    assert.deepEqual(error.details.map((d) => [d.row, d.column]), [[0, 'animals'], [1, 'animals'], [2, 'animals']]);
  });

  test('R: a data frame posted by httr gets the fixture predictions; a missing column stops with "Failed to predict: <message>"', rClient, async () => {
    const { rows, onnx_float32_latest_model: expected } = expectedForest();
    const answer = await r(rows);
    (answer.predict as number[]).forEach((value, index) => assert.ok(closeToFloat32(value, expected[index] ?? NaN), `${value} vs ${expected[index]}`));
    const failed = await r(rows.map(({ animals: _animals, ...rest }) => rest));
    assert.match(String(failed.stopped), /^Failed to predict: .*column "animals": missing/);
  });
});
