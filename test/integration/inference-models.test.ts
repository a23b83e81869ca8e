// Every kind of model the server must run, through openModelSession with a hand-written
// user.pinwheel spec. Expected values are computed here from the models' parameters (tree
// walks, dot products, softmax), never taken from onnxruntime.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { openModelSession, specOutputsFromModel, type ModelRow, type ModelSession } from '../../src/core/inference/index.js';
import { buildOnnxModel, readOnnxModelInfo } from '../../src/core/onnx/index.js';
import { isModelError, type ModelErrorCode } from '../../src/core/vetiver/errors.js';
import type { PinwheelModelSpec, PrototypeColumn } from '../../src/core/vetiver/modelSpec.js';
import {
  ADS_FEATURES, adsTreeRegressor, allAdsRows, housePriceModel, int64LinearClassifier, linearRegressionModel, pinwheelSpec,
  stringLabelTreeClassifier, twoTargetModel, typedLinearModel, type AdsRow, type TestTree,
} from '../support/onnxModels.js';

/** float32 arithmetic in onnxruntime against float64 arithmetic here. */
function assertCloseFloat32(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, 'number', `${what}: ${String(actual)} is not a number`);
  const tolerance = 2e-6 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs((actual as number) - expected) <= tolerance, `${what}: got ${String(actual)}, expected ${expected}`);
}

async function assertModelError(promise: Promise<unknown>, code: ModelErrorCode, messagePart: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isModelError(error, code), `expected ModelError ${code}, got ${String(error)}`);
    assert.match(error.message, messagePart);
    return true;
  });
}

async function withSession<T>(bytes: Uint8Array, spec: PinwheelModelSpec, use: (session: ModelSession) => Promise<T>): Promise<T> {
  const session = await openModelSession(bytes, spec);
  try {
    return await use(session);
  } finally {
    await session.dispose();
  }
}

const booleanColumns: PrototypeColumn[] = ADS_FEATURES.map((name) => ({ name, type: 'boolean', example: false }));
const featureVector = (row: AdsRow): number[] => ADS_FEATURES.map((feature) => (row[feature] ? 1 : 0));

function walk(tree: TestTree, x: readonly number[]): number[] {
  if ('leaf' in tree) return tree.leaf;
  return walk(x[tree.feature]! <= tree.threshold ? tree.ifLessOrEqual : tree.ifGreater, x);
}

/** Mean over trees of each leaf entry. */
function forestMean(trees: readonly TestTree[], x: readonly number[]): number[] {
  const leaves = trees.map((tree) => walk(tree, x));
  return leaves[0]!.map((_, k) => leaves.reduce((sum, values) => sum + values[k]!, 0) / trees.length);
}

function argmax(values: readonly number[]): number {
  return values.reduce((best, value, index) => (value > values[best]! ? index : best), 0);
}

function softmax(z: readonly number[]): number[] {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

const adsForestSpec = pinwheelSpec({
  task: 'regression',
  prototype: booleanColumns,
  inputs: [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: [...ADS_FEATURES] }],
  outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
});

const classifierSpec = (labelDtype: 'string' | 'int64', probabilities: string, classes: (string | number)[], zipmapOutput?: string) =>
  pinwheelSpec({
    task: 'classification',
    prototype: booleanColumns,
    inputs: [{ name: 'X', dtype: 'float32', shape: [-1, 6], columns: [...ADS_FEATURES] }],
    outputs: [
      { name: 'label', dtype: labelDtype, shape: [-1], role: 'label' },
      { name: probabilities, dtype: 'float32', shape: [-1, classes.length], role: 'probabilities', classes, ...(zipmapOutput ? { zipmap_output: zipmapOutput } : {}) },
    ],
  });

test('onnxruntime is loaded only when the first model session is opened', async () => {
  const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('onnxruntime-node'));
  assert.equal(loaded(), false, 'importing the inference module must not load onnxruntime-node');
  await withSession(linearRegressionModel().bytes, pinwheelSpec({
    task: 'regression',
    prototype: [{ name: 'a', type: 'number', example: 1 }, { name: 'b', type: 'number', example: 1 }, { name: 'c', type: 'number', example: 1 }, { name: 'd', type: 'number', example: 1 }],
    inputs: [{ name: 'X', dtype: 'float32', shape: [-1, 4], columns: ['a', 'b', 'c', 'd'] }],
    outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
  }), async () => undefined);
  assert.equal(loaded(), true);
});

describe('regression', () => {
  test('MatMul+Add over float [N, 4]: each row gives X·W + B, in the order of the spec\'s columns', async () => {
    const model = linearRegressionModel();
    // The spec lists the prototype in another order than the tensor: the tensor order must win.
    const spec = pinwheelSpec({
      task: 'regression',
      prototype: ['d', 'c', 'b', 'a'].map((name) => ({ name, type: 'number' as const, example: 0 })),
      inputs: [{ name: 'X', dtype: 'float32', shape: [-1, 4], columns: ['a', 'b', 'c', 'd'] }],
      outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
    });
    const rows: ModelRow[] = [{ a: 1, b: 2, c: 3, d: 4 }, { a: 0, b: 0, c: 0, d: 0 }, { a: -2.5, b: 0.125, c: 1000, d: 7 }];
    const result = await withSession(model.bytes, spec, (session) => session.predict(rows));
    // By hand for the first row: 1.5 - 4 + 0.75 + 12 + 10.
    assert.equal(result.predictions[0], 20.25);
    rows.forEach((row, i) => {
      const expected = ['a', 'b', 'c', 'd'].reduce((sum, column, f) => sum + (row[column] as number) * model.weights[f]![0]!, model.bias[0]!);
      assertCloseFloat32(result.predictions[i], expected, `row ${i}`);
    });
    assert.equal(result.probabilities, undefined);
  });

  test('a forest over a bool [N, 6] input gives the mean of its trees\' leaves for all 64 combinations', async () => {
    const model = adsTreeRegressor();
    const rows = allAdsRows();
    const result = await withSession(model.bytes, adsForestSpec, (session) => session.predict(rows));
    assert.equal(result.predictions.length, 64);
    rows.forEach((row, i) => assertCloseFloat32(result.predictions[i], forestMean(model.trees, featureVector(row))[0]!, JSON.stringify(row)));
    // Checked by hand: funny, show_product and danger → (1500 + 8000 + 1700) / 3.
    const handChecked = result.predictions[rows.findIndex((r) => r.funny && r.show_product && r.danger && !r.patriotic && !r.celebrity && !r.animals)];
    assertCloseFloat32(handChecked, 11200 / 3, 'funny + show_product + danger');
  });

  test('int64, int32 and float64 [N, 3] inputs; float64 keeps double precision end to end', async () => {
    const rows: ModelRow[] = [{ x: 1, y: 2, z: 3 }, { x: -40, y: 1_000_003, z: 0 }, { x: true, y: false, z: 7 }];
    for (const dtype of ['int64', 'int32'] as const) {
      const model = typedLinearModel(dtype);
      const spec = pinwheelSpec({
        task: 'regression',
        prototype: ['x', 'y', 'z'].map((name) => ({ name, type: 'integer' as const, example: 0 })),
        inputs: [{ name: 'X', dtype, shape: [-1, 3], columns: ['x', 'y', 'z'] }],
        outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
      });
      const result = await withSession(model.bytes, spec, (session) => session.predict(rows));
      rows.forEach((row, i) => {
        const x = ['x', 'y', 'z'].map((c) => Number(row[c]));
        assertCloseFloat32(result.predictions[i], x.reduce((s, v, f) => s + v * model.weights[f]![0]!, model.bias[0]!), `${dtype} row ${i}`);
      });
    }
    const model = typedLinearModel('float64');
    const spec = pinwheelSpec({
      task: 'regression',
      prototype: ['x', 'y', 'z'].map((name) => ({ name, type: 'number' as const, example: 0 })),
      inputs: [{ name: 'X', dtype: 'float64', shape: [-1, 3], columns: ['x', 'y', 'z'] }],
      outputs: [{ name: 'variable', dtype: 'float64', shape: [-1, 1], role: 'prediction' }],
    });
    const doubles: ModelRow[] = [{ x: 0.1, y: 1 / 3, z: 1e-9 }, { x: 123456.789, y: -0.000123, z: 2 }];
    const result = await withSession(model.bytes, spec, (session) => session.predict(doubles));
    doubles.forEach((row, i) => {
      const expected = ['x', 'y', 'z'].reduce((s, c, f) => s + (row[c] as number) * model.weights[f]![0]!, model.bias[0]!);
      const actual = result.predictions[i] as number;
      // float32 would be off by ~1e-7 relative; double arithmetic agrees to ~1e-15.
      assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `float64 row ${i}: ${actual} vs ${expected}`);
    });
  });

  test('a two-target regressor gives an array of two numbers per row', async () => {
    const model = twoTargetModel();
    const spec = pinwheelSpec({
      task: 'regression',
      prototype: ['p', 'q', 'r'].map((name) => ({ name, type: 'number' as const, example: 0 })),
      inputs: [{ name: 'X', dtype: 'float32', shape: [-1, 3], columns: ['p', 'q', 'r'] }],
      outputs: [{ name: 'targets', dtype: 'float32', shape: [-1, 2], role: 'prediction' }],
    });
    const rows: ModelRow[] = [{ p: 1, q: 2, r: 3 }, { p: -1, q: 0.5, r: 0 }];
    const result = await withSession(model.bytes, spec, (session) => session.predict(rows));
    assert.deepEqual(result.predictions[0], [96, 4.5]); // by hand: 1 + 4 - 9 + 100, -0.5 + 0.5 + 12 - 7.5
    rows.forEach((row, i) => {
      const x = ['p', 'q', 'r'].map((c) => row[c] as number);
      const prediction = result.predictions[i];
      assert.ok(Array.isArray(prediction) && prediction.length === 2);
      for (const target of [0, 1]) {
        assertCloseFloat32(prediction[target], x.reduce((s, v, f) => s + v * model.weights[f]![target]!, model.bias[target]!), `row ${i} target ${target}`);
      }
    });
  });
});

describe('classification', () => {
  test('tree classifier with text labels: label and class probabilities for all 64 combinations, booleans sent as 1/0', async () => {
    const model = stringLabelTreeClassifier();
    const rows = allAdsRows();
    const result = await withSession(model.bytes, classifierSpec('string', 'probabilities', model.classes), (session) => session.predict(rows));
    assert.deepEqual(result.classes, ['low', 'mid', 'high']);
    assert.equal(result.probabilities?.length, 64);
    rows.forEach((row, i) => {
      const expected = forestMean(model.trees, featureVector(row));
      expected.forEach((p, k) => assertCloseFloat32(result.probabilities![i]![k], p, `row ${i} class ${k}`));
      assert.equal(result.predictions[i], model.classes[argmax(expected)], `label of row ${i}`);
    });
  });

  test('linear classifier with int64 labels: labels are plain numbers, probabilities are the softmax of the scores', async () => {
    const model = int64LinearClassifier({ zipMap: false });
    const rows = allAdsRows();
    const result = await withSession(model.bytes, classifierSpec('int64', 'probability_tensor', model.classes), (session) => session.predict(rows));
    assert.doesNotThrow(() => JSON.stringify(result), 'BigInt labels would make JSON.stringify throw');
    assert.deepEqual(result.classes, [10, 20, 30]);
    rows.forEach((row, i) => {
      const x = featureVector(row);
      const scores = model.coefficients.map((w, k) => w.reduce((s, wi, f) => s + wi * x[f]!, model.intercepts[k]!));
      const expected = softmax(scores);
      assert.equal(result.predictions[i], model.classes[argmax(scores)], `label of row ${i}`);
      expected.forEach((p, k) => assertCloseFloat32(result.probabilities![i]![k], p, `row ${i} class ${k}`));
    });
  });

  test('the same classifier exported with a ZipMap gives the same labels and probabilities', async () => {
    const rows = allAdsRows();
    const plain = int64LinearClassifier({ zipMap: false });
    const zipped = int64LinearClassifier({ zipMap: true });
    const expected = await withSession(plain.bytes, classifierSpec('int64', 'probability_tensor', plain.classes), (s) => s.predict(rows));
    const actual = await withSession(zipped.bytes, classifierSpec('int64', 'probability_tensor', zipped.classes, 'output_probability'), (s) => s.predict(rows));
    assert.deepEqual(actual, expected);
  });

  test('asking for a ZipMap\'s own output, or a ZipMap the model does not have, is refused with the fix', async () => {
    const zipped = int64LinearClassifier({ zipMap: true });
    await assertModelError(openModelSession(zipped.bytes, classifierSpec('int64', 'output_probability', zipped.classes)),
      'prototype-mismatch', /not a tensor.*name "probability_tensor" with zipmap_output "output_probability"/s);
    await assertModelError(openModelSession(zipped.bytes, classifierSpec('int64', 'probability_tensor', zipped.classes, 'probs_map')),
      'prototype-mismatch', /no ZipMap producing "probs_map"/);
    await assertModelError(openModelSession(zipped.bytes, classifierSpec('int64', 'scores', zipped.classes, 'output_probability')),
      'prototype-mismatch', /reads "probability_tensor"/);
  });
});

describe('one input per column, mixed types', () => {
  const model = housePriceModel();
  const prototype: PrototypeColumn[] = [
    { name: 'city', type: 'string', example: 'paris' },
    { name: 'rooms', type: 'integer', example: 3 },
    { name: 'area', type: 'number', example: 52.5, nullable: true },
    { name: 'garden', type: 'boolean', example: false },
  ];
  const spec = (changes: Partial<Record<string, Partial<PrototypeColumn>>> = {}) => pinwheelSpec({
    task: 'regression',
    prototype: prototype.map((column) => ({ ...column, ...changes[column.name] })),
    inputs: [
      { name: 'city', dtype: 'string', shape: [-1, 1], columns: ['city'] },
      { name: 'rooms', dtype: 'int64', shape: [-1, 1], columns: ['rooms'] },
      { name: 'area', dtype: 'float32', shape: [-1], columns: ['area'] },
      { name: 'garden', dtype: 'bool', shape: [-1, 1], columns: ['garden'] },
    ],
    outputs: [{ name: 'price', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
  });
  const expectedPrice = (row: ModelRow): number => {
    const city = (model.cityCodes as Record<string, number>)[row.city as string] ?? model.unknownCity;
    const x = [city, row.rooms as number, row.area === null ? Number.NaN : (row.area as number), row.garden ? 1 : 0];
    return x.reduce((s, v, f) => s + v * model.coefficients[f]!, model.intercept);
  };

  test('string, int64, rank-1 float and bool inputs are each fed from their column', async () => {
    const rows: ModelRow[] = [
      { city: 'paris', rooms: 3, area: 50, garden: true },
      { city: 'lyon', rooms: 1, area: 18.25, garden: false },
      { city: 'nice', rooms: 5, area: 140, garden: true },
      { city: 'Springfield', rooms: 2, area: 60, garden: false }, // not a known city: the encoder's default
    ];
    const result = await withSession(model.bytes, spec(), (session) => session.predict(rows));
    assert.equal(result.predictions[0], 355525); // by hand: 3·40000 + 3·12500 + 50·3100.5 + 18000 + 25000
    rows.forEach((row, i) => assertCloseFloat32(result.predictions[i], expectedPrice(row), `row ${i}`));
  });

  test('a missing value in a nullable float column reaches the model as NaN', async () => {
    const rows: ModelRow[] = [{ city: 'paris', rooms: 3, area: null, garden: true }, { city: 'nice', rooms: 2, garden: false }];
    const result = await withSession(model.bytes, spec(), (session) => session.predict(rows));
    assert.ok(Number.isNaN(result.predictions[0]), `got ${String(result.predictions[0])}`);
    assert.ok(Number.isNaN(result.predictions[1]), 'an absent key is a missing value too');
  });

  test('a missing value is refused, naming the column and row, when the column is not nullable or its tensor is not float', async () => {
    await withSession(model.bytes, spec({ area: { nullable: false }, rooms: { nullable: true } }), async (session) => {
      const ok: ModelRow = { city: 'paris', rooms: 3, area: 50, garden: true };
      await assertModelError(session.predict([ok, { ...ok, area: null }]), 'inference-failed', /Column "area" in row 2 of 2 has no value.*not nullable/);
      await assertModelError(session.predict([{ ...ok, rooms: null }]), 'inference-failed', /Column "rooms" in row 1 of 1 has no value.*int64 input "rooms"/);
      await assertModelError(session.predict([{ ...ok, city: null }]), 'inference-failed', /Column "city" in row 1 of 1 has no value/);
    });
  });

  test('integers beyond JavaScript\'s safe range, fractions for int64 and wrong types are refused, naming the column', async () => {
    await withSession(model.bytes, spec(), async (session) => {
      const ok: ModelRow = { city: 'paris', rooms: 3, area: 50, garden: true };
      await assertModelError(session.predict([{ ...ok, rooms: 2 ** 53 }]), 'inference-failed', /Column "rooms".*9007199254740992.*whole number/);
      await assertModelError(session.predict([{ ...ok, rooms: 2.5 }]), 'inference-failed', /Column "rooms".*2\.5/);
      await assertModelError(session.predict([{ ...ok, area: 'big' }]), 'inference-failed', /Column "area" in row 1 of 1 is the text "big", but .* takes numbers/);
      // Rows from a lax caller can hold anything: a list nested 10,000 deep is described, not serialised.
      let deep: unknown = [];
      for (let i = 0; i < 10_000; i++) deep = [deep];
      await assertModelError(session.predict([{ ...ok, garden: deep as boolean }]), 'inference-failed', /Column "garden" in row 1 of 1 is a list/);
      await assertModelError(session.predict([{ ...ok, city: 7 }]), 'inference-failed', /Column "city".*takes text/);
      await assertModelError(session.predict([{ ...ok, garden: 'yes' }]), 'inference-failed', /Column "garden".*true or false/);
    });
  });
});

describe('sessions', () => {
  test('concurrent predictions on one session give the same answers as one at a time', async () => {
    const model = stringLabelTreeClassifier();
    const rows = allAdsRows();
    await withSession(model.bytes, classifierSpec('string', 'probabilities', model.classes), async (session) => {
      const batches = Array.from({ length: 24 }, (_, i) => rows.slice(i % 8, 8 + ((i * 7) % 57)));
      const sequential = [];
      for (const batch of batches) sequential.push(await session.predict(batch));
      const concurrent = await Promise.all(batches.map((batch) => session.predict(batch)));
      assert.deepEqual(concurrent, sequential);
    });
  });

  test('more threads give the same predictions; a thread count below 1 is refused', async () => {
    const model = adsTreeRegressor();
    const rows = allAdsRows();
    const oneThread = await withSession(model.bytes, adsForestSpec, (s) => s.predict(rows));
    const session = await openModelSession(model.bytes, adsForestSpec, { threads: 2 });
    try {
      assert.deepEqual(await session.predict(rows), oneThread);
    } finally {
      await session.dispose();
    }
    await assert.rejects(openModelSession(model.bytes, adsForestSpec, { threads: 0 }), /threads must be a whole number of at least 1/);
  });

  test('an empty batch gives empty predictions without running the model', async () => {
    const model = stringLabelTreeClassifier();
    const result = await withSession(model.bytes, classifierSpec('string', 'probabilities', model.classes), (s) => s.predict([]));
    assert.deepEqual(result, { predictions: [], probabilities: [], classes: ['low', 'mid', 'high'] });
  });

  test('dispose waits for running predictions, then predicting says the session is closed', async () => {
    const session = await openModelSession(adsTreeRegressor().bytes, adsForestSpec);
    const running = session.predict(allAdsRows());
    await session.dispose();
    assert.equal((await running).predictions.length, 64);
    await assertModelError(session.predict(allAdsRows()), 'inference-failed', /closed/);
    await session.dispose(); // twice is harmless
  });

  test('a damaged or non-ONNX file is reported as such', async () => {
    const bytes = adsTreeRegressor().bytes;
    await assertModelError(openModelSession(bytes.slice(0, bytes.length - 40), adsForestSpec), 'model-load-failed', /damaged or is not an ONNX model/);
    await assertModelError(openModelSession(new TextEncoder().encode('{"not": "a model"}'), adsForestSpec), 'model-load-failed', /damaged or is not an ONNX model/);
    const unknownOperator = buildOnnxModel({
      graph: {
        inputs: [{ name: 'input', dtype: 'bool', shape: ['N', 6] }], outputs: [{ name: 'variable', dtype: 'float32', shape: ['N', 1] }],
        nodes: [{ opType: 'Frobnicate', inputs: ['input'], outputs: ['variable'] }],
      },
    });
    await assertModelError(openModelSession(unknownOperator, adsForestSpec), 'model-load-failed', /uses the operator Frobnicate \(opset 17\), which this onnxruntime does not implement/);
  });

  test('a model that fails while running reports inference-failed with onnxruntime\'s reason', async () => {
    // The model leaves its width open, so the load-time check cannot see that MatMul needs 4 columns, not 3.
    const bytes = buildOnnxModel({
      graph: {
        inputs: [{ name: 'X', dtype: 'float32', shape: ['N', null] }], outputs: [{ name: 'Y', dtype: 'float32', shape: ['N', 1] }],
        initializers: [{ name: 'W', dtype: 'float32', dims: [4, 1], values: [1, 2, 3, 4] }],
        nodes: [{ opType: 'MatMul', inputs: ['X', 'W'], outputs: ['Y'] }],
      },
    });
    const spec = pinwheelSpec({
      task: 'regression',
      prototype: ['a', 'b', 'c'].map((name) => ({ name, type: 'number' as const, example: 0 })),
      inputs: [{ name: 'X', dtype: 'float32', shape: [-1, 3], columns: ['a', 'b', 'c'] }],
      outputs: [{ name: 'Y', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
    });
    await withSession(bytes, spec, (session) =>
      assertModelError(session.predict([{ a: 1, b: 2, c: 3 }]), 'inference-failed', /The model failed to run on these rows: its MatMul step \("MatMul_0"\) stopped with "MatMul dimension mismatch"/));
  });

  test('a spec that does not match the model is refused at load with what the model expects', async () => {
    const bytes = adsTreeRegressor().bytes;
    const withInput = (input: Partial<PinwheelModelSpec['inputs'][number]>) => pinwheelSpec({ ...adsForestSpec, inputs: [{ ...adsForestSpec.inputs[0]!, ...input }] });
    await assertModelError(openModelSession(bytes, withInput({ dtype: 'float32' })), 'prototype-mismatch', /expects its input "input" as bool, but the model spec .* says float32/);
    await assertModelError(openModelSession(bytes, withInput({ name: 'X' })), 'prototype-mismatch', /no such input.*input \(bool \[N, 6\]\)/);
    await assertModelError(openModelSession(bytes, withInput({ columns: ['funny', 'danger'], shape: [-1, 2] })), 'prototype-mismatch', /input \(bool \[N, 6\]\).*packs 2 columns/);
    await assertModelError(openModelSession(bytes, withInput({ shape: [-1, 5] })), 'prototype-mismatch', /packs 6 columns .* shape is \[-1, 5\]/);
    await assertModelError(openModelSession(bytes, pinwheelSpec({ ...adsForestSpec, outputs: [{ name: 'likes', dtype: 'float32', shape: [-1, 1], role: 'prediction' }] })),
      'prototype-mismatch', /no such output.*variable \(float32 \[N, 1\]\)/);
  });
});

describe('specOutputsFromModel proposes outputs that serve', () => {
  test('a single float output is a regression prediction', () => {
    assert.deepEqual(specOutputsFromModel(readOnnxModelInfo(adsTreeRegressor().bytes)), {
      task: 'regression',
      outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
    });
    assert.deepEqual(specOutputsFromModel(readOnnxModelInfo(typedLinearModel('float64').bytes)).outputs,
      [{ name: 'variable', dtype: 'float64', shape: [-1, 1], role: 'prediction' }]);
  });

  test('a label with probabilities is a classifier, with the classes from the classifier node', () => {
    assert.deepEqual(specOutputsFromModel(readOnnxModelInfo(stringLabelTreeClassifier().bytes)), {
      task: 'classification',
      outputs: [
        { name: 'label', dtype: 'string', shape: [-1], role: 'label' },
        { name: 'probabilities', dtype: 'float32', shape: [-1, 3], role: 'probabilities', classes: ['low', 'mid', 'high'] },
      ],
    });
  });

  test('a ZipMap classifier fetches the ZipMap\'s input tensor, and the proposal serves like the plain classifier', async () => {
    const proposal = specOutputsFromModel(readOnnxModelInfo(int64LinearClassifier({ zipMap: true }).bytes));
    assert.deepEqual(proposal, {
      task: 'classification',
      outputs: [
        { name: 'label', dtype: 'int64', shape: [-1], role: 'label' },
        { name: 'probability_tensor', dtype: 'float32', shape: [-1, 3], role: 'probabilities', classes: [10, 20, 30], zipmap_output: 'output_probability' },
      ],
    });
    const spec = pinwheelSpec({ ...classifierSpec('int64', 'x', []), outputs: proposal.outputs });
    const rows = allAdsRows().slice(0, 5);
    const plain = int64LinearClassifier({ zipMap: false });
    assert.deepEqual(
      await withSession(int64LinearClassifier({ zipMap: true }).bytes, spec, (s) => s.predict(rows)),
      await withSession(plain.bytes, classifierSpec('int64', 'probability_tensor', plain.classes), (s) => s.predict(rows)),
    );
  });
});
