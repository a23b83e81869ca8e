// The predict server on models other than the forest, each pinned with pinModel and loaded by the
// server's own loader: a ZipMap classifier as skl2onnx exports them (labels, /predict_proba, the
// v2 outputs) and a model with one input per column of mixed types (text included). Expected
// values are computed here from the models' weights.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openBoard, tableFromRecords, type Board } from '../../src/core/pins/index.js';
import { pinModel } from '../../src/core/vetiver/index.js';
import { buildServer } from '../../src/server/build.js';
import { loadServedModel } from '../../src/server/loadServedModel.js';
import { ModelSlot } from '../../src/server/modelSlot.js';
import { ADS_FEATURES, allAdsRows, housePriceModel, int64LinearClassifier } from '../support/onnxModels.js';
import { tempFolders } from './cli-harness.js';

const folders = tempFolders('server-models');
let board: Board;
before(async () => { board = await openBoard(await folders.make(), { create: true }); });
after(async () => { await board?.dispose(); await folders.cleanup(); });

async function serve(name: string): Promise<FastifyInstance> {
  return buildServer({ slot: new ModelSlot(await loadServedModel(board, name, undefined, 'test')), serverVersion: 'test' });
}

const post = (app: FastifyInstance, url: string, body: unknown) => app.inject({ method: 'POST', url, payload: JSON.stringify(body) });

describe('a ZipMap classifier (int64 labels), pinned and served', () => {
  const model = int64LinearClassifier({ zipMap: true });
  let app: FastifyInstance;
  before(async () => {
    await pinModel(board, { model: model.bytes, name: 'ads_class', prototype: tableFromRecords(allAdsRows()) });
    app = await serve('ads_class');
  });
  after(async () => app?.close());

  function softmax(row: Record<string, boolean>): number[] {
    const x = ADS_FEATURES.map((feature) => (row[feature] ? 1 : 0));
    const z = model.coefficients.map((weights, k) => weights.reduce((sum, w, i) => sum + w * (x[i] ?? 0), model.intercepts[k] ?? 0));
    const exp = z.map((value) => Math.exp(value - Math.max(...z)));
    const total = exp.reduce((a, b) => a + b, 0);
    return exp.map((value) => value / total);
  }

  test('/predict gives the class labels as JSON numbers; /predict_proba the softmax probabilities and the classes', async () => {
    const rows = allAdsRows();
    const labels = JSON.parse((await post(app, '/predict', rows)).body) as { predict: number[] };
    const proba = JSON.parse((await post(app, '/predict_proba', rows)).body) as { predict_proba: number[][]; classes: number[] };
    assert.deepEqual(proba.classes, model.classes);
    rows.forEach((row, index) => {
      const expected = softmax(row);
      proba.predict_proba[index]?.forEach((p, k) => assert.ok(Math.abs(p - (expected[k] ?? NaN)) < 1e-6, `row ${index} class ${k}: ${p} vs ${expected[k]}`));
      const best = expected.indexOf(Math.max(...expected));
      if (Math.abs((expected[best] ?? 0) - [...expected].sort((a, b) => b - a)[1]!) > 1e-6) assert.equal(labels.predict[index], model.classes[best]);
    });
  });

  test('the v2 infer route returns the labels (INT64) and the probabilities (FP64, [N, 3]); the docs and OpenAPI offer /predict_proba', async () => {
    const rows = allAdsRows().slice(0, 4);
    const inputs = ADS_FEATURES.map((name) => ({ name, shape: [rows.length], datatype: 'BOOL', data: rows.map((row) => row[name]) }));
    const answer = JSON.parse((await post(app, '/v2/models/ads_class/infer', { inputs })).body) as { outputs: { name: string; datatype: string; shape: number[]; data: number[] }[] };
    assert.deepEqual(answer.outputs.map((o) => [o.name, o.datatype, o.shape]), [['predict', 'INT64', [4]], ['predict_proba', 'FP64', [4, 3]]]);
    const proba = JSON.parse((await post(app, '/predict_proba', rows)).body) as { predict_proba: number[][] };
    assert.deepEqual(answer.outputs[1]?.data, proba.predict_proba.flat());
    assert.match((await app.inject('/__docs__')).body, /id="predict-proba"/);
    const openapi = JSON.parse((await app.inject('/openapi.json')).body) as { paths: Record<string, unknown> };
    assert.ok(openapi.paths['/predict_proba']);
  });
});

describe('a model with one input per column (text, int64, float, bool), pinned and served', () => {
  const model = housePriceModel();
  let app: FastifyInstance;
  before(async () => {
    const sample = tableFromRecords([{ city: 'paris', rooms: 3, area: 52.5, garden: true }, { city: 'lyon', rooms: 2, area: 40, garden: false }]);
    await pinModel(board, { model: model.bytes, name: 'house', prototype: sample });
    app = await serve('house');
  });
  after(async () => app?.close());

  const price = (city: string, rooms: number, area: number, garden: boolean) =>
    [model.cityCodes[city] ?? model.unknownCity, rooms, area, garden ? 1 : 0].reduce((sum, x, i) => sum + x * (model.coefficients[i] ?? 0), model.intercept);

  test('rows of mixed types predict the linear price; R-style strings ("2", "yes") are read as their types', async () => {
    const response = await post(app, '/predict', [
      { city: 'lyon', rooms: 2, area: 40.25, garden: false },
      { city: 'nice', rooms: '4', area: '75.5', garden: 'yes' },
      { city: 'brest', rooms: 1, area: 20, garden: true },
    ]);
    assert.equal(response.statusCode, 200, response.body);
    const { predict } = JSON.parse(response.body) as { predict: number[] };
    const expected = [price('lyon', 2, 40.25, false), price('nice', 4, 75.5, true), price('brest', 1, 20, true)];
    predict.forEach((value, i) => assert.ok(Math.abs(value - (expected[i] ?? NaN)) <= Math.abs(expected[i] ?? 0) * 1e-6, `${value} vs ${expected[i]}`));
  });

  test('a fractional room count, a word for a number and a list for the city are 422s naming row and column', async () => {
    const response = await post(app, '/predict', [
      { city: 'lyon', rooms: 2.5, area: 40, garden: false },
      { city: ['lyon'], rooms: 'two', area: 40, garden: false },
    ]);
    assert.equal(response.statusCode, 422);
    const { details } = JSON.parse(response.body) as { details: { row: number; column: string; problem: string }[] };
    assert.deepEqual(details.map((d) => [d.row, d.column]), [[0, 'rooms'], [1, 'city'], [1, 'rooms']]);
    assert.match(details[0]?.problem ?? '', /expected an integer, got 2.5/);
    assert.match(details[2]?.problem ?? '', /expected an integer, got "two"/);
  });
});
