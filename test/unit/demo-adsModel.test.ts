import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adsForestOnnx, demoAdsModel, predictAdsForest, trainAdsForest, type AdsTree } from '../../src/core/demo/adsModel.js';
import { AD_FEATURES, syntheticAds, type AdRow } from '../../src/core/demo/syntheticAds.js';
import { openModelSession } from '../../src/core/inference/index.js';
import { readOnnxModelInfo } from '../../src/core/onnx/index.js';
import { allAdsRows, pinwheelSpec } from '../support/onnxModels.js';

const adsSpec = pinwheelSpec({
  task: 'regression',
  prototype: AD_FEATURES.map((name) => ({ name, type: 'boolean', example: false })),
  inputs: [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: [...AD_FEATURES] }],
  outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
});

const meanOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

test('the demo model is the same bytes for the same seed, and another seed gives another model', () => {
  assert.deepEqual(demoAdsModel({ seed: 5 }).onnx, demoAdsModel({ seed: 5 }).onnx);
  assert.notDeepEqual(demoAdsModel({ seed: 5 }).onnx, demoAdsModel({ seed: 6 }).onnx);
});

test('the ONNX file looks like the pins-python export: bool [N, 6] "input", Cast, TreeEnsembleRegressor, float [N, 1] "variable"', () => {
  const info = readOnnxModelInfo(demoAdsModel().onnx);
  assert.deepEqual(info.inputs, [{ name: 'input', kind: 'tensor', dtype: 'bool', shape: ['N', 6] }]);
  assert.deepEqual(info.outputs, [{ name: 'variable', kind: 'tensor', dtype: 'float32', shape: ['N', 1] }]);
  assert.deepEqual(info.operators, ['Cast', 'TreeEnsembleRegressor']);
  assert.equal(info.producer, 'pinwheel');
  assert.deepEqual(info.metadata.features?.split(','), [...AD_FEATURES]);
});

test('trees are at most 4 deep, 20 of them, and each leaf is the mean like count of some training rows', () => {
  const { forest, trainingRows } = demoAdsModel();
  assert.equal(forest.trees.length, 20);
  const depth = (tree: AdsTree): number => ('value' in tree ? 0 : 1 + Math.max(depth(tree.ifFalse), depth(tree.ifTrue)));
  for (const tree of forest.trees) assert.ok(depth(tree) <= 4);
  // A leaf reached by every training row that follows its path must lie within their like counts.
  const likes = trainingRows.map((row) => row.like_count);
  const leaves = (tree: AdsTree): number[] => ('value' in tree ? [tree.value] : [...leaves(tree.ifFalse), ...leaves(tree.ifTrue)]);
  for (const value of forest.trees.flatMap(leaves)) assert.ok(value >= Math.min(...likes) && value <= Math.max(...likes));
});

test('a single-split stump learns the two group means by hand', () => {
  // Likes depend only on celebrity: 100 without, 1100 with; the best first split must be celebrity.
  const rows: AdRow[] = allAdsRows().map((features) => ({ ...features, like_count: features.celebrity ? 1100 : 100, aired: '2021-01-01' }));
  const forest = trainAdsForest(rows, { trees: 1, maxDepth: 1, seed: 3 });
  const stump = forest.trees[0]!;
  assert.ok(!('value' in stump) && stump.feature === 'celebrity');
  assert.equal(predictAdsForest(forest, { ...rows[0]!, celebrity: true }), 1100);
  assert.equal(predictAdsForest(forest, { ...rows[0]!, celebrity: false }), 100);
});

test('onnxruntime gives the JS forest\'s predictions for all 64 feature combinations', async () => {
  const { forest, onnx } = demoAdsModel();
  const session = await openModelSession(onnx, adsSpec);
  try {
    const rows = allAdsRows();
    const { predictions } = await session.predict(rows);
    rows.forEach((row, i) => {
      const expected = predictAdsForest(forest, row);
      const actual = predictions[i] as number;
      // Leaves are stored as float32 and averaged in float32 by onnxruntime.
      assert.ok(Math.abs(actual - expected) <= 2e-6 * Math.abs(expected), `${JSON.stringify(row)}: ${actual} vs ${expected}`);
    });
  } finally {
    await session.dispose();
  }
});

test('on held-out rows the forest\'s squared error is under a quarter of always predicting the training mean', () => {
  const { forest, trainingRows } = demoAdsModel();
  const heldOut = syntheticAds({ rows: 1000, seed: 77 });
  const trainingMean = meanOf(trainingRows.map((row) => row.like_count));
  const forestError = meanOf(heldOut.map((row) => (row.like_count - predictAdsForest(forest, row)) ** 2));
  const meanError = meanOf(heldOut.map((row) => (row.like_count - trainingMean) ** 2));
  // The data's noise alone (sd 250) costs 62,500; the features explain most of the rest.
  assert.ok(forestError < 0.25 * meanError, `forest MSE ${forestError.toFixed(0)} vs mean-only MSE ${meanError.toFixed(0)}`);
});

test('a hand-built forest exports to the values worked out by hand: a celebrity stump and a constant tree, averaged', async () => {
  const onnx = adsForestOnnx({ trees: [{ feature: 'celebrity', ifFalse: { value: 100 }, ifTrue: { value: 1100 } }, { value: 42 }] });
  const session = await openModelSession(onnx, adsSpec);
  try {
    const rows = allAdsRows();
    const { predictions } = await session.predict(rows);
    rows.forEach((row, i) => assert.equal(predictions[i], row.celebrity ? (1100 + 42) / 2 : (100 + 42) / 2));
  } finally {
    await session.dispose();
  }
});
