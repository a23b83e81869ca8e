// The predict server's HTTP contract, checked with Fastify's inject() against the real forest in
// a real onnxruntime session. Expected numbers come from the fixture (what vetiver-python and
// onnxruntime in Python computed), statuses from spec §5 and the vetiver-python transcript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { skipWithoutShared } from '../support/sharedFixtures.js';
import { closeToFloat32, expectedForest, FOREST_FEATURES, forestServer } from '../support/servedForest.js';
import type { RequestLogLine } from '../../src/server/requestLog.js';

const VERSION = '20261126T050938Z-9404b';

describe('predict server API (forest fixture)', skipWithoutShared, () => {
  let app: FastifyInstance;
  const logged: RequestLogLine[] = [];
  before(async () => {
    ({ app } = await forestServer({ bodyLimit: 64 * 1024, log: (line) => logged.push(line) }));
  });
  after(async () => app?.close());

  const post = (url: string, payload: string | undefined, contentType?: string) =>
    app.inject({ method: 'POST', url, payload, headers: contentType === undefined ? {} : { 'content-type': contentType } });
  const rowsText = () => JSON.stringify(expectedForest().rows);

  function assertPredictions(body: string, expected: number[]): void {
    const { predict } = JSON.parse(body) as { predict: number[] };
    assert.equal(predict.length, expected.length);
    predict.forEach((value, index) => assert.ok(closeToFloat32(value, expected[index] ?? NaN), `row ${index}: ${value} vs ${expected[index]}`));
  }

  function errorBody(body: string): { error: string; message: string; details: { row: number | null; column: string | null; problem: string }[] } {
    const parsed = JSON.parse(body) as ReturnType<typeof errorBody>;
    assert.equal(typeof parsed.error, 'string');
    assert.ok(parsed.message.length > 10, 'a message a person can read');
    assert.ok(Array.isArray(parsed.details));
    return parsed;
  }

  test('POST /predict answers the rows of the fixture with the float32 predictions onnxruntime gave in Python', async () => {
    const response = await post('/predict', rowsText(), 'application/json');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assertPredictions(response.body, expectedForest().onnx_float32_latest_model);
  });

  test('the body is read as JSON whatever the Content-Type: none (Python client), text/plain, form, and /predict/', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await post('/predict', rowsText(), contentType);
      assert.equal(response.statusCode, 200, `content type ${String(contentType)}`);
      assertPredictions(response.body, expectedForest().onnx_float32_latest_model);
    }
    assert.equal((await post('/predict/', rowsText(), 'application/json')).statusCode, 200);
  });

  test('one object, {"data": rows} and pandas split orientation are accepted as rows', async () => {
    const { rows, onnx_float32_latest_model: expected } = expectedForest();
    assertPredictions((await post('/predict', JSON.stringify(rows[0]), 'application/json')).body, expected.slice(0, 1));
    assertPredictions((await post('/predict', JSON.stringify({ data: rows }))).body, expected);
    const split = { columns: FOREST_FEATURES, data: rows.map((row) => FOREST_FEATURES.map((f) => row[f])) };
    assertPredictions((await post('/predict', JSON.stringify(split))).body, expected);
  });

  test('R-style values are coerced as vetiver does: "yes"/1/"false"/0 for booleans give the same prediction as true/true/false/false', async () => {
    const base = { funny: true, show_product: true, patriotic: false, celebrity: false, danger: true, animals: false };
    const coerced = { ...base, funny: 'yes', show_product: 1, patriotic: 'false', celebrity: 0 };
    const plain = JSON.parse((await post('/predict', JSON.stringify([base]))).body) as unknown;
    const response = await post('/predict', JSON.stringify([coerced]));
    assert.equal(response.statusCode, 200);
    assert.deepEqual(JSON.parse(response.body), plain);
  });

  test('extra columns are ignored, as vetiver does, and named in X-Ignored-Columns', async () => {
    const row = { ...expectedForest().rows[0], extra: 1, _row: 'Mazda RX4' };
    const response = await post('/predict', JSON.stringify([row]));
    assert.equal(response.statusCode, 200);
    assertPredictions(response.body, expectedForest().onnx_float32_latest_model.slice(0, 1));
    assert.equal(response.headers['x-ignored-columns'], 'extra,_row');
  });

  test('a missing column, a wrong type, a null and a bad second row each get 422 naming the row and column', async () => {
    const good = expectedForest().rows[0] ?? {};
    const cases: [unknown, { row: number; column: string; problem: RegExp }][] = [
      [[{ ...good, animals: undefined }], { row: 0, column: 'animals', problem: /missing/ }],
      [[{ ...good, funny: 'abc' }], { row: 0, column: 'funny', problem: /expected true or false, got "abc"/ }],
      [[{ ...good, funny: 2 }], { row: 0, column: 'funny', problem: /expected true or false, got 2/ }],
      [[{ ...good, funny: null }], { row: 0, column: 'funny', problem: /cannot be missing/ }],
      [[good, { ...good, danger: [true] }], { row: 1, column: 'danger', problem: /got a list/ }],
    ];
    for (const [body, expected] of cases) {
      const response = await post('/predict', JSON.stringify(body), 'application/json');
      assert.equal(response.statusCode, 422, JSON.stringify(body));
      const error = errorBody(response.body);
      assert.equal(error.error, 'Unprocessable Entity');
      assert.equal(error.details.length, 1);
      assert.equal(error.details[0]?.row, expected.row);
      assert.equal(error.details[0]?.column, expected.column);
      assert.match(error.details[0]?.problem ?? '', expected.problem);
      assert.match(error.message, new RegExp(`row ${expected.row}, column "${expected.column}"`));
    }
  });

  test('a misspelt column name is pointed out next to the missing column', async () => {
    const { funny, ...rest } = expectedForest().rows[0] ?? {};
    const response = await post('/predict', JSON.stringify([{ ...rest, Funy: funny }]));
    assert.equal(response.statusCode, 422);
    const error = errorBody(response.body);
    assert.match(error.details[0]?.problem ?? '', /missing: every row needs "funny".*the row has "Funy": a misspelling of "funny"\?/);
  });

  test('an empty list is 422 (vetiver-python answers 500), with an example row in the message', async () => {
    const response = await post('/predict', '[]', 'application/json');
    assert.equal(response.statusCode, 422);
    assert.match(errorBody(response.body).message, /empty.*"funny": false/);
  });

  test('a body that is not JSON, or no body, is 400 with a JSON error; an oversized body is 413', async () => {
    const notJson = await post('/predict', 'this is not json', 'application/json');
    assert.equal(notJson.statusCode, 400);
    assert.match(errorBody(notJson.body).message, /not valid JSON/);
    const truncated = await post('/predict', rowsText().slice(0, 40));
    assert.equal(truncated.statusCode, 400);
    const empty = await post('/predict', undefined);
    assert.equal(empty.statusCode, 400);
    assert.match(errorBody(empty.body).message, /no body/);
    const huge = JSON.stringify(Array.from({ length: 2000 }, () => expectedForest().rows[0]));
    const tooLarge = await post('/predict', huge, 'application/json');
    assert.equal(tooLarge.statusCode, 413);
    assert.match(errorBody(tooLarge.body).message, /64 KiB.*--body-limit/);
  });

  test('GET /ping, /metadata and /prototype answer as vetiver-python does', async () => {
    assert.deepEqual(JSON.parse((await app.inject('/ping')).body), { ping: 'pong' });
    const metadata = JSON.parse((await app.inject('/metadata')).body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(metadata).slice(0, 5), ['user', 'version', 'url', 'required_pkgs', 'python_version']);
    assert.equal(metadata.version, VERSION);
    assert.equal(metadata.url, null);
    const prototype = JSON.parse((await app.inject('/prototype')).body) as { title: string; type: string; properties: Record<string, { type: string; example: unknown }>; required: string[] };
    assert.equal(prototype.title, 'prototype');
    assert.equal(prototype.type, 'object');
    assert.deepEqual(prototype.required, FOREST_FEATURES);
    assert.deepEqual(Object.keys(prototype.properties), FOREST_FEATURES);
    for (const property of Object.values(prototype.properties)) assert.deepEqual(property, { type: 'boolean', example: false });
  });

  test('/pin-url is 404 on a folder board; GET /predict is 405 with Allow: POST; unknown paths are JSON 404s', async () => {
    assert.equal((await app.inject('/pin-url')).statusCode, 404);
    const get = await app.inject('/predict');
    assert.equal(get.statusCode, 405);
    assert.equal(get.headers.allow, 'POST');
    const unknown = await app.inject('/nope');
    assert.equal(unknown.statusCode, 404);
    assert.match(errorBody(unknown.body).message, /__docs__/);
    assert.equal((await post('/predict_proba', rowsText())).statusCode, 404, 'a regressor has no probabilities');
  });

  test('/ redirects to the docs page, which works offline under a nonce CSP and is filled from the prototype', async () => {
    const root = await app.inject('/');
    assert.equal(root.statusCode, 307);
    assert.equal(root.headers.location, '__docs__');
    for (const [url, location] of [['/__docs__/', '../__docs__'], ['/docs', '__docs__']]) {
      const redirect = await app.inject(url ?? '');
      assert.equal(redirect.statusCode, 307, url);
      assert.equal(redirect.headers.location, location, 'relative, so it works behind a path prefix');
    }
    for (const url of ['/__docs__']) {
      const page = await app.inject(url);
      assert.equal(page.statusCode, 200);
      const csp = String(page.headers['content-security-policy']);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(page.body, /(src|href)="https?:/, 'no remote resources');
      for (const script of page.body.matchAll(/<script(?![^>]*application\/json)([^>]*)>/g)) assert.ok((script[1] ?? '').includes(`nonce="${nonce}"`), script[0]);
      for (const feature of FOREST_FEATURES) assert.match(page.body, new RegExp(`<code>${feature}</code>`));
      assert.match(page.body, new RegExp(VERSION));
    }
    const again = String((await app.inject('/__docs__')).headers['content-security-policy']);
    assert.notEqual(again, String((await app.inject('/__docs__')).headers['content-security-policy']), 'a fresh nonce per response');
  });

  test('/openapi.json describes /predict with the prototype as schema and an example body', async () => {
    const spec = JSON.parse((await app.inject('/openapi.json')).body) as {
      openapi: string; info: { title: string; version: string };
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown; example: unknown }> } }>>;
      components: { schemas: { prototype: { properties: Record<string, unknown> } } };
    };
    assert.equal(spec.openapi, '3.0.3');
    assert.equal(spec.info.title, 'ads_rf model API');
    assert.equal(spec.info.version, VERSION);
    const body = spec.paths['/predict']?.post?.requestBody?.content['application/json'];
    assert.deepEqual(body?.example, [Object.fromEntries(FOREST_FEATURES.map((f) => [f, false]))]);
    assert.deepEqual(Object.keys(spec.components.schemas.prototype.properties), FOREST_FEATURES);
    for (const path of ['/ping', '/metadata', '/prototype', '/v2/health/ready', '/v2/models/ads_rf/infer']) assert.ok(spec.paths[path], path);
  });

  test('Open Inference Protocol v2: health, model metadata and infer give the same predictions as /predict', async () => {
    assert.deepEqual(JSON.parse((await app.inject('/v2/health/live')).body), { live: true });
    assert.deepEqual(JSON.parse((await app.inject('/v2/health/ready')).body), { ready: true });
    const metadata = JSON.parse((await app.inject('/v2/models/ads_rf')).body) as { name: string; versions: string[]; inputs: { name: string; datatype: string }[] };
    assert.equal(metadata.name, 'ads_rf');
    assert.deepEqual(metadata.versions, [VERSION]);
    assert.deepEqual(metadata.inputs.map((i) => [i.name, i.datatype]), FOREST_FEATURES.map((f) => [f, 'BOOL']));
    const { rows, onnx_float32_latest_model: expected } = expectedForest();
    const inputs = FOREST_FEATURES.map((name) => ({ name, shape: [rows.length], datatype: 'BOOL', data: rows.map((row) => row[name]) }));
    const response = await post('/v2/models/ads_rf/infer', JSON.stringify({ id: 'r1', inputs }), 'application/json');
    assert.equal(response.statusCode, 200);
    const answer = JSON.parse(response.body) as { model_name: string; model_version: string; id: string; outputs: { name: string; shape: number[]; data: number[] }[] };
    assert.equal(answer.id, 'r1');
    assert.equal(answer.model_version, VERSION);
    assert.deepEqual(answer.outputs[0]?.shape, [3]);
    assertPredictions(JSON.stringify({ predict: answer.outputs[0]?.data }), expected);
    assert.equal((await app.inject('/v2/models/other')).statusCode, 404);
    assert.equal((await app.inject(`/v2/models/ads_rf/versions/${VERSION}`)).statusCode, 200);
    assert.equal((await app.inject('/v2/models/ads_rf/versions/20200101T000000Z-00000')).statusCode, 404);
    const bad = await post('/v2/models/ads_rf/infer', JSON.stringify({ inputs: [{ name: 'funny', shape: [2], datatype: 'BOOL', data: [true] }] }));
    assert.equal(bad.statusCode, 400);
    assert.match(errorBody(bad.body).error, /shape \[2\] but 1 values/);
  });

  test('every response, errors and docs included, names the served pin version; each request is logged as one JSON line', async () => {
    logged.length = 0;
    for (const url of ['/ping', '/nope', '/__docs__', '/v2/health/ready']) {
      assert.equal((await app.inject(url)).headers['x-model-version'], VERSION, url);
    }
    assert.equal((await post('/predict', '[]')).headers['x-model-version'], VERSION);
    await post('/predict', rowsText());
    assert.equal(logged.length, 6);
    const last = logged.at(-1);
    assert.equal(last?.method, 'POST');
    assert.equal(last?.path, '/predict');
    assert.equal(last?.status, 200);
    assert.equal(last?.rows, 3);
    assert.equal(last?.version, VERSION);
    assert.ok(typeof last?.ms === 'number' && last.ms >= 0);
  });
});
