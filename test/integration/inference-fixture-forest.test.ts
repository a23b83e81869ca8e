// The random forest exported to ONNX by the real pins-python peer (../shared/fixtures), served
// with a hand-written spec: its predictions must be the float32 ones recorded next to the fixture.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { openModelSession, specOutputsFromModel, type ModelRow } from '../../src/core/inference/index.js';
import { readOnnxModelInfo } from '../../src/core/onnx/index.js';
import { openBoard } from '../../src/core/pins/boardUri.js';
import { pinwheelSpec } from '../support/onnxModels.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';

interface Expected { rows: ModelRow[]; onnx_float32_latest_model: number[] }

/** The latest ads_rf_onnx version, read through Pinwheel's board like any pin, and its feature order from data.txt. */
async function fixtureModel(): Promise<{ bytes: Uint8Array; features: string[]; expected: Expected }> {
  const board = await openBoard(fixturePath('pins-python-written'), { readOnly: true });
  const meta = await board.meta('ads_rf_onnx');
  const [file] = await board.download('ads_rf_onnx');
  const bytes = new Uint8Array(await readFile(file!));
  const expected = JSON.parse(await readFile(fixturePath('pins-python-written.expected.json'), 'utf8')) as Expected;
  return { bytes, features: meta.user.features as string[], expected };
}

test('the pins-python forest predicts the recorded float32 values for the recorded rows', skipWithoutShared, async () => {
  const { bytes, features, expected } = await fixtureModel();
  assert.deepEqual(features, ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals']);
  const spec = pinwheelSpec({
    task: 'regression',
    prototype: features.map((name) => ({ name, type: 'boolean', example: false })),
    inputs: [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: features }],
    outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
  });
  const session = await openModelSession(bytes, spec);
  try {
    const result = await session.predict(expected.rows);
    assert.equal(result.predictions.length, expected.rows.length);
    expected.onnx_float32_latest_model.forEach((value, i) => {
      const actual = result.predictions[i] as number;
      // The recorded values are float32 results, so they should agree to float32 rounding.
      assert.ok(Math.abs(actual - value) <= 1e-6 * Math.abs(value), `row ${i}: ${actual} vs ${value}`);
    });
  } finally {
    await session.dispose();
  }
});

test('the outputs proposed for the pins-python forest are one float32 [N, 1] regression prediction', skipWithoutShared, async () => {
  const { bytes } = await fixtureModel();
  assert.deepEqual(specOutputsFromModel(readOnnxModelInfo(bytes)), {
    task: 'regression',
    outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
  });
});
