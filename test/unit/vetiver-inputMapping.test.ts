// How sample columns become the model's tensors: one [N, F] tensor (columns chosen by
// --features, metadata_props or the whole sample) or one input per column (by name), with the
// dtype checks. Every refusal must name the column and the fix.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OnnxValueInfo } from '../../src/core/onnx/index.js';
import { tableFromRecords, type Table } from '../../src/core/pins/index.js';
import { isModelError } from '../../src/core/vetiver/errors.js';
import { mapModelInputs } from '../../src/core/vetiver/inputMapping.js';
import { sampleFromTable } from '../../src/core/vetiver/prototypeFromData.js';

const FEATURES = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'];

/** Two rows shaped like the ads data: the outcome like_count first, then six booleans. */
const ADS = tableFromRecords([
  { like_count: 516, funny: false, show_product: false, patriotic: false, celebrity: false, danger: false, animals: false },
  { like_count: 3483, funny: true, show_product: false, patriotic: false, celebrity: true, danger: true, animals: false },
]);

function tensor(name: string, dtype: OnnxValueInfo['dtype'], shape: OnnxValueInfo['shape']): OnnxValueInfo {
  return { name, kind: 'tensor', dtype, shape };
}

const forest = { inputs: [tensor('input', 'bool', [null, 6])], metadata: {} };

function modelError(code: string, ...pieces: (string | RegExp)[]) {
  return (error: unknown) => {
    assert.ok(isModelError(error, code as never), `expected ModelError ${code}, got ${String(error)}`);
    for (const piece of pieces) {
      if (typeof piece === 'string') assert.ok(error.message.includes(piece), `expected ${JSON.stringify(piece)} in: ${error.message}`);
      else assert.match(error.message, piece);
    }
    return true;
  };
}

function sample(table: Table) {
  return sampleFromTable(table, 'ads.csv');
}

describe('one tensor input [N, F]', () => {
  test('--exclude of the outcome leaves exactly the F feature columns, in sample order', () => {
    const mapping = mapModelInputs(forest, sample(ADS), { exclude: ['like_count'] });
    assert.deepEqual(mapping.inputs, [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: FEATURES }]);
    assert.deepEqual(mapping.prototype, FEATURES.map((name) => ({ name, type: 'boolean', example: false })));
    // The file names no features: the user is told the order was taken from the sample.
    assert.equal(mapping.notes.length, 1);
    assert.match(mapping.notes[0] ?? '', new RegExp(`does not name its features.*sample's order: ${FEATURES.join(', ')}.*--features`));
  });

  test('--features chooses and orders the columns; the unused outcome is noted', () => {
    const reversed = [...FEATURES].reverse();
    const mapping = mapModelInputs(forest, sample(ADS), { features: reversed });
    assert.deepEqual(mapping.inputs[0]?.columns, reversed);
    assert.deepEqual(mapping.prototype.map((c) => c.name), reversed);
    assert.equal(mapping.notes.length, 1);
    assert.match(mapping.notes[0] ?? '', /Column like_count of ads\.csv is not a model input/);
  });

  test('too many sample columns: the message gives the width, the columns and both fixes', () => {
    assert.throws(
      () => mapModelInputs(forest, sample(ADS)),
      modelError(
        'prototype-mismatch',
        'input "input" takes 6 columns',
        'ads.csv has 7 columns: like_count, funny, show_product, patriotic, celebrity, danger, animals',
        `--features ${FEATURES.join(',')}`,
        '--exclude like_count',
      ),
    );
  });

  test('too few columns: asks for a sample with all of them', () => {
    const narrow = tableFromRecords([{ funny: true, danger: false }]);
    assert.throws(() => mapModelInputs(forest, sample(narrow)), modelError('prototype-mismatch', 'takes 6 columns', 'has 2 columns: funny, danger', 'all 6'));
  });

  test('an unknown column in --features is named, with the sample columns', () => {
    const features = [...FEATURES.slice(0, 5), 'animal'];
    assert.throws(() => mapModelInputs(forest, sample(ADS), { features }), modelError('prototype-mismatch', '--features names the column "animal"', 'Its columns are: like_count, funny', 'spelling'));
  });

  test('--features with the wrong count, or a repeat, is refused', () => {
    assert.throws(() => mapModelInputs(forest, sample(ADS), { features: FEATURES.slice(0, 5) }), modelError('prototype-mismatch', '--features lists 5', 'exactly the 6 columns'));
    assert.throws(() => mapModelInputs(forest, sample(ADS), { features: [...FEATURES.slice(0, 5), 'funny'] }), modelError('prototype-mismatch', 'lists the column "funny" twice'));
  });

  test('an unknown column in --exclude is named', () => {
    assert.throws(() => mapModelInputs(forest, sample(ADS), { exclude: ['likes'] }), modelError('prototype-mismatch', '--exclude names the column "likes"', 'Its columns are: like_count'));
  });

  test('metadata_props feature names are used (JSON list or comma-separated)', () => {
    const order = ['danger', 'animals', 'funny', 'show_product', 'patriotic', 'celebrity'];
    for (const text of [JSON.stringify(order), order.join(', ')]) {
      const mapping = mapModelInputs({ ...forest, metadata: { feature_names: text } }, sample(ADS));
      assert.deepEqual(mapping.inputs[0]?.columns, order);
    }
    assert.throws(
      () => mapModelInputs({ ...forest, metadata: { features: '["funny","nope","a","b","c","d"]' } }, sample(ADS)),
      modelError('prototype-mismatch', `metadata_props "features" names the column "nope"`),
    );
  });

  test('an input of open width takes all remaining columns, with a note', () => {
    const open = { inputs: [tensor('X', 'float32', ['N', 'F'])], metadata: {} };
    const table = tableFromRecords([{ y: 1.5, a: 1, b: 2.5 }]);
    const mapping = mapModelInputs(open, sample(table), { exclude: ['y'] });
    assert.deepEqual(mapping.inputs, [{ name: 'X', dtype: 'float32', shape: [-1, -1], columns: ['a', 'b'] }]);
    assert.match(mapping.notes.join(' '), /does not say how many columns input "X" takes.*a, b/);
  });
});

describe('one input per column', () => {
  const perColumn = {
    inputs: [tensor('age', 'float32', [null, 1]), tensor('city', 'string', [null, 1]), tensor('visits', 'int64', [null, 1])],
    metadata: {},
  };
  const people = tableFromRecords([
    { id: 'p1', city: 'Oslo', visits: 3, age: 31.5 },
    { id: 'p2', city: 'Lyon', visits: 1, age: 40 },
  ]);

  test('inputs are matched by name; the prototype follows the input order; extra columns are noted', () => {
    const mapping = mapModelInputs(perColumn, sample(people));
    assert.deepEqual(mapping.inputs, [
      { name: 'age', dtype: 'float32', shape: [-1, 1], columns: ['age'] },
      { name: 'city', dtype: 'string', shape: [-1, 1], columns: ['city'] },
      { name: 'visits', dtype: 'int64', shape: [-1, 1], columns: ['visits'] },
    ]);
    assert.deepEqual(mapping.prototype, [
      { name: 'age', type: 'number', example: 31.5 },
      { name: 'city', type: 'string', example: 'Oslo' },
      { name: 'visits', type: 'integer', example: 3 },
    ]);
    assert.match(mapping.notes.join(' '), /Column id of ads\.csv is not a model input and was left out/);
  });

  test('a model input without a sample column is named, with the columns there are', () => {
    const table = tableFromRecords([{ age: 1.5, town: 'Oslo', visits: 2 }]);
    assert.throws(() => mapModelInputs(perColumn, sample(table)), modelError('prototype-mismatch', 'no column for the input city', 'Its columns are: age, town, visits', 'named like each model input'));
    assert.throws(() => mapModelInputs(perColumn, sample(people), { exclude: ['city'] }), modelError('prototype-mismatch', 'Do not --exclude city'));
  });

  test('--features does not apply to a model with one input per column', () => {
    assert.throws(() => mapModelInputs(perColumn, sample(people), { features: ['age'] }), modelError('prototype-mismatch', 'has 3 inputs', 'Leave out --features'));
  });

  test('a single one-column input named like a sample column is that column', () => {
    const single = { inputs: [tensor('age', 'float64', [null, 1])], metadata: {} };
    const mapping = mapModelInputs(single, sample(people));
    assert.deepEqual(mapping.inputs, [{ name: 'age', dtype: 'float64', shape: [-1, 1], columns: ['age'] }]);
  });
});

describe('dtype checks', () => {
  const one = (dtype: OnnxValueInfo['dtype']) => ({ inputs: [tensor('x', dtype, [null, 1])], metadata: {} });

  test('text cannot feed a number tensor: the column and the fix are named', () => {
    const table = tableFromRecords([{ x: 'red' }]);
    assert.throws(() => mapModelInputs(one('float32'), sample(table)), modelError('prototype-mismatch', 'Column "x" of ads.csv holds text (such as "red")', 'input "x" takes numbers (float32)', 'Convert the column to numbers'));
  });

  test('numbers cannot feed a text tensor', () => {
    assert.throws(() => mapModelInputs(one('string'), sample(tableFromRecords([{ x: 7 }]))), modelError('prototype-mismatch', 'Column "x"', 'takes text (string)', 'as text'));
  });

  test('numbers with fractions cannot feed an int64 tensor; whole numbers stored as floats can', () => {
    assert.throws(() => mapModelInputs(one('int64'), sample(tableFromRecords([{ x: 2.5 }]))), modelError('prototype-mismatch', 'Column "x"', 'numbers with fractions (such as 2.5)', 'whole numbers (int64)', 'Round the column'));
    const floats: Table = { columns: [{ name: 'x', type: 'number' }], rows: [{ x: 2 }, { x: 5 }] };
    assert.deepEqual(mapModelInputs(one('int64'), sample(floats)).inputs[0]?.dtype, 'int64');
  });

  test('booleans feed bool and float tensors, not integer ones; 0/1 columns feed bool as booleans, other integers do not', () => {
    const flags = tableFromRecords([{ x: true }]);
    for (const dtype of ['bool', 'float32', 'float64'] as const) assert.equal(mapModelInputs(one(dtype), sample(flags)).inputs[0]?.dtype, dtype);
    assert.throws(() => mapModelInputs(one('int64'), sample(flags)), modelError('prototype-mismatch', 'Column "x"', 'true/false values', '0/1 whole numbers'));
    const dummies = mapModelInputs(one('bool'), sample(tableFromRecords([{ x: 1 }, { x: 0 }])));
    assert.deepEqual(dummies.prototype, [{ name: 'x', type: 'boolean', example: true }]);
    assert.match(dummies.notes.join(' '), /holds only 0 and 1/);
    assert.throws(() => mapModelInputs(one('bool'), sample(tableFromRecords([{ x: 1 }, { x: 2 }]))), modelError('prototype-mismatch', 'Column "x"', 'whole numbers (such as 1)', 'true/false values (bool)'));
  });

  test('a column with missing values feeding a tensor without NaN becomes required, with a note', () => {
    const table = tableFromRecords([{ x: null }, { x: 4 }]);
    const mapping = mapModelInputs(one('int64'), sample(table));
    assert.deepEqual(mapping.prototype, [{ name: 'x', type: 'integer', example: 4 }]);
    assert.match(mapping.notes.join(' '), /Column "x" has missing values .* requests must give it a value/);
    const floats = mapModelInputs(one('float32'), sample(table));
    assert.deepEqual(floats.prototype, [{ name: 'x', type: 'integer', example: 4, nullable: true }]);
  });

  test('an untyped column is refused only when the model uses it', () => {
    const table = tableFromRecords([{ x: 1.5, notes: null }, { x: 2, notes: null }]);
    assert.deepEqual(mapModelInputs(one('float32'), sample(table)).prototype.map((c) => c.name), ['x']);
    const both = { inputs: [tensor('X', 'float32', [null, 2])], metadata: {} };
    assert.throws(() => mapModelInputs(both, sample(table)), modelError('invalid-prototype', 'column "notes" of ads.csv', 'every value is missing'));
  });

  test('inputs that are not tensors, or of types Pinwheel cannot feed, are refused', () => {
    const sequence = { inputs: [{ name: 'seq', kind: 'sequence' as const, dtype: null, shape: null }], metadata: {} };
    assert.throws(() => mapModelInputs(sequence, sample(ADS)), modelError('prototype-mismatch', 'input "seq" is a sequence'));
    assert.throws(() => mapModelInputs(one('float16'), sample(tableFromRecords([{ x: 1.5 }]))), modelError('prototype-mismatch', 'input "x" takes float16'));
    assert.throws(() => mapModelInputs({ inputs: [], metadata: {} }, sample(ADS)), modelError('not-onnx', 'declares no inputs'));
  });
});

test('when column types cannot tell the features apart, the message asks for them instead of guessing a list', () => {
  const model = { inputs: [tensor('X', 'float32', [null, 2])], metadata: {} };
  const table = tableFromRecords([{ id: 1, height: 1.5, weight: 60.5 }, { id: 2, height: 1.8, weight: 80 }]);
  assert.throws(() => mapModelInputs(model, sample(table)), (error: Error) => {
    assert.match(error.message, /Say which 2 columns feed the model, in the order it was trained on, with --features a,b/);
    assert.doesNotMatch(error.message, /--features id|--exclude id|--exclude height/, 'no guessed list a user could copy into a wrong model');
    return true;
  });
});
