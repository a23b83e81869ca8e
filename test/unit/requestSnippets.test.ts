// "Copy Request as …": the snippets are run, not just looked at. curl against a real predict server
// and against an echo server (quoting), the Python snippet with python3, the R snippet with Rscript
// (against the real server where pandas/requests and httr/tibble are installed; skipped with the
// install line off CI, failing in CI, as the other cross-language tests do).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { DEMO_MODEL, writeDemoBoard } from '../../src/core/demo/demoBoard.js';
import { openBoard, type Board } from '../../src/core/pins/index.js';
import { curlRequest, shellQuote } from '../../src/core/requests/curlRequest.js';
import { httpRequest } from '../../src/core/requests/httpRequest.js';
import type { PredictRequest } from '../../src/core/requests/predictRequest.js';
import { pythonRequest } from '../../src/core/requests/pythonRequest.js';
import { rName, rRequest } from '../../src/core/requests/rRequest.js';
import type { BoardEntry } from '../../src/extension/boards/boardEntry.js';
import { predictRequestFor } from '../../src/extension/requests/predictRequestFor.js';
import type { ServedModelInfo } from '../../src/extension/servers/servedModels.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { tempFolders } from '../integration/cli-harness.js';

const run = promisify(execFile);
const folders = tempFolders('request-snippets');
const ENV = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
const INSTALL_HINT = 'apt-get install -y curl python3-pandas python3-requests r-base-core r-cran-httr r-cran-jsonlite r-cran-tibble (.ci/run does this in CI)';
const inCi = Boolean(process.env.CI);

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { env: ENV, timeout: 60_000 }).status === 0;
}
const hasCurl = works('curl', ['--version']);
const PYTHON = ['/usr/bin/python3', 'python3'].find((python) => works(python, ['-c', 'pass']));
const PANDAS_PYTHON = ['/usr/bin/python3', 'python3'].find((python) => works(python, ['-c', 'import pandas, requests']));
const hasR = works('Rscript', ['-e', 'invisible(1)']);
const hasRClient = hasR && works('Rscript', ['-e', 'stopifnot(requireNamespace("httr", quietly = TRUE), requireNamespace("jsonlite", quietly = TRUE), requireNamespace("tibble", quietly = TRUE))']);
const needs = (available: unknown, what: string) => (available || inCi ? {} : { skip: `needs ${what}: ${INSTALL_HINT}` });

/** Column names and values that break naive quoting in every one of the four languages. */
const NASTY_ROW = {
  'it\'s "quoted"': 'a \'b\' "c" $(echo pwned) `tick` \\ back\nslash ünï ✓',
  'with space': 1.5,
  'back`tick\\name': -3,
  flag: true,
  missing: null,
  if: 'reserved in R',
};

function request(rows: PredictRequest['rows'], baseUrl: string, extra: Partial<PredictRequest> = {}): PredictRequest {
  return { baseUrl, pin: DEMO_MODEL, version: 'v1', rows, classifier: false, ...extra };
}

describe('request snippets', () => {
  let board: Board;
  let entry: BoardEntry;
  let server: RunningServer;
  let echo: Server;
  let echoUrl = '';
  let dir = '';
  let demo: PredictRequest;

  before(async () => {
    dir = await folders.make();
    const folder = path.join(dir, 'board');
    await mkdir(folder);
    board = await openBoard(folder);
    await writeDemoBoard(board);
    entry = { id: folder, name: 'demo', folder, source: 'demo' };
    server = await startServer({ board, name: DEMO_MODEL, host: '127.0.0.1', port: 0, serverVersion: 'test' });
    const served = { id: 'x', boardFolder: folder, boardName: 'demo', pin: DEMO_MODEL, version: server.version(), url: server.url, port: server.port, state: 'running' } satisfies ServedModelInfo;
    ({ request: demo } = await predictRequestFor({ board: entry, pin: DEMO_MODEL }, { boards: { open: async () => board }, servers: { list: () => [served] } }));
    // Answers with the body it received, to see what a snippet really sends.
    echo = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => res.end(body));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
  });

  after(async () => {
    await server?.close();
    echo?.close();
    await folders.cleanup();
  });

  test('the request of a served pin: its server URL, the prototype example row, no "start the server" note', () => {
    assert.equal(demo.baseUrl, server.url);
    assert.equal(demo.version, server.version());
    assert.deepEqual(Object.keys(demo.rows[0]!), ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals']);
    assert.equal(demo.note, undefined);
    assert.equal(demo.classifier, false);
  });

  test('a pin nobody serves: http://127.0.0.1:8080 and a note that says how to start the server', async () => {
    const { request: unserved, served } = await predictRequestFor({ board: entry, pin: DEMO_MODEL }, { boards: { open: async () => board }, servers: { list: () => [] } });
    assert.equal(served, false);
    assert.equal(unserved.baseUrl, 'http://127.0.0.1:8080');
    const snippet = curlRequest(unserved);
    assert.match(snippet, /^# No Pinwheel server serves ads_model yet: start one with "Pinwheel: Serve Version"/m);
    assert.match(snippet, /^# or run `pinwheel serve ads_model --board ".*"`, which listens on this address\.$/m);
  });

  test('curl: the copied command, run by a shell, gets a prediction from the real server', needs(hasCurl, 'curl'), async () => {
    const { stdout } = await run('sh', ['-c', curlRequest(demo)], { env: ENV });
    const answer = JSON.parse(stdout) as { predict: number[] };
    assert.equal(answer.predict.length, 1);
    assert.ok(Number.isFinite(answer.predict[0]));
  });

  test('curl: quotes, spaces, $(…), backticks and newlines in names and values reach the server unchanged', needs(hasCurl, 'curl'), async () => {
    const { stdout } = await run('sh', ['-c', curlRequest(request([NASTY_ROW], echoUrl))], { env: ENV });
    assert.deepEqual(JSON.parse(stdout), [NASTY_ROW]);
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  test('Python: the snippet runs and hands vetiver the exact rows (python3, stand-in pandas and vetiver modules)', needs(PYTHON, 'python3'), async () => {
    const fakes = path.join(dir, 'python-fakes');
    await mkdir(fakes, { recursive: true });
    await writeFile(path.join(fakes, 'pandas.py'), 'def DataFrame(rows):\n    return rows\n');
    await writeFile(path.join(fakes, 'vetiver.py'), 'import json\ndef vetiver_endpoint(url):\n    return url\ndef predict(endpoint, data):\n    print(json.dumps({"endpoint": endpoint, "data": data}))\n');
    const snippet = pythonRequest(request([NASTY_ROW, { flag: false }], 'http://127.0.0.1:1/'));
    const { stdout } = await run(PYTHON ?? 'python3', ['-c', snippet], { env: { ...ENV, PYTHONPATH: fakes } });
    assert.deepEqual(JSON.parse(stdout), { endpoint: 'http://127.0.0.1:1/predict', data: [NASTY_ROW, { flag: false }] });
  });

  test('Python: with pandas and requests, the snippet (vetiver\'s client steps) gets a prediction from the real server', needs(PANDAS_PYTHON, 'python3 with pandas and requests'), async () => {
    const client = path.join(dir, 'python-client');
    await mkdir(client, { recursive: true });
    // What vetiver.predict does with a DataFrame (spec §5.6): records JSON, no Content-Type, the answer as a frame.
    await writeFile(path.join(client, 'vetiver.py'), [
      'import pandas as pd, requests',
      'def vetiver_endpoint(url):',
      '    return url.rstrip("/")',
      'def predict(endpoint, data):',
      '    response = requests.post(endpoint, data=data.to_json(orient="records"))',
      '    response.raise_for_status()',
      '    frame = pd.DataFrame.from_dict(response.json())',
      '    print(frame.to_json(orient="records"))',
      '',
    ].join('\n'));
    const { stdout } = await run(PANDAS_PYTHON ?? 'python3', ['-c', pythonRequest(demo)], { env: { ...ENV, PYTHONPATH: client } });
    const rows = JSON.parse(stdout) as { predict: number }[];
    assert.equal(rows.length, 1);
    assert.ok(Number.isFinite(rows[0]?.predict));
  });

  test('R: the snippet parses, and names are backticked only when R needs it', needs(hasR, 'Rscript'), async () => {
    const file = path.join(dir, 'snippet.R');
    await writeFile(file, rRequest(request([NASTY_ROW, NASTY_ROW], echoUrl)));
    await run('Rscript', ['-e', `invisible(parse(file = ${JSON.stringify(file)}, encoding = "UTF-8"))`], { env: ENV });
    assert.deepEqual(['funny', 'with space', 'if', '.5x', 'x.y_z', '...'].map(rName), ['funny', '`with space`', '`if`', '`.5x`', 'x.y_z', '`...`']);
  });

  test('R: with tibble, jsonlite and httr, the data frame holds the exact values and the real server predicts', needs(hasRClient, 'Rscript with httr, jsonlite and tibble'), async () => {
    // Stand-ins for library(vetiver) and its client (spec §5.6: toJSON(na = "string"), posted by httr).
    const prelude = [
      'library <- function(...) invisible(NULL)',
      'vetiver_endpoint <- function(url) url',
      'predict <- function(endpoint, new_data) {',
      '  if (endpoint == "ECHO") return(cat(jsonlite::toJSON(new_data, na = "null", digits = NA)))',
      '  response <- httr::POST(endpoint, body = jsonlite::toJSON(new_data, na = "string"))',
      '  cat(httr::content(response, as = "text", encoding = "UTF-8"))',
      '}',
    ].join('\n');
    const runR = async (snippet: string) => {
      const file = path.join(dir, 'run.R');
      await writeFile(file, `${prelude}\n${snippet}`);
      return (await run('Rscript', ['-e', `source(${JSON.stringify(file)}, encoding = "UTF-8")`], { env: ENV })).stdout;
    };
    const echoed = await runR(rRequest(request([NASTY_ROW], 'ECHO')).replace('"ECHO/predict"', '"ECHO"'));
    assert.deepEqual(JSON.parse(echoed), [NASTY_ROW]);
    const answer = JSON.parse(await runR(rRequest(demo))) as { predict: number[] };
    assert.equal(answer.predict.length, 1);
    assert.ok(Number.isFinite(answer.predict[0]));
  });

  test('.http: POST /predict with the rows as JSON; /predict_proba only for classifiers', () => {
    const text = httpRequest(request([NASTY_ROW], 'http://127.0.0.1:51234/', { note: 'Start the server first.' }));
    assert.match(text, /^# Start the server first\.$/m);
    assert.match(text, /^@baseUrl = http:\/\/127\.0\.0\.1:51234$/m);
    const [, predict] = text.split(/^### .*$/m);
    assert.match(predict!, /^\nPOST \{\{baseUrl\}\}\/predict\nContent-Type: application\/json\n\n/);
    assert.deepEqual(JSON.parse(predict!.slice(predict!.indexOf('\n\n'))), [NASTY_ROW]);
    assert.doesNotMatch(text, /predict_proba/);
    assert.match(httpRequest(request([NASTY_ROW], 'http://h', { classifier: true })), /^POST \{\{baseUrl\}\}\/predict_proba$/m);
  });
});
