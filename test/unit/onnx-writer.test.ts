// Models written with buildOnnxModel read back, field by field, through the ONNX reader and the
// raw protobuf decoder. Whether onnxruntime runs them is tested in inference-models.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOnnxModel, onnxModelType, readOnnxModelInfo, type OnnxModelDefinition } from '../../src/core/onnx/index.js';
import { adsTreeRegressor, housePriceModel, int64LinearClassifier, stringLabelTreeClassifier, typedLinearModel } from '../support/onnxModels.js';

interface RawAttribute { name: string; type: number; f?: number; i?: number; s?: Uint8Array; floats?: number[]; ints?: number[]; strings?: Uint8Array[]; t?: RawTensor }
interface RawTensor { name?: string; dims: number[]; data_type: number; float_data?: number[]; double_data?: number[]; int64_data?: number[]; int32_data?: number[]; string_data?: Uint8Array[] }
interface RawModel {
  ir_version: number; producer_name: string; producer_version: string; doc_string: string;
  graph: { name: string; node: { name: string; op_type: string; domain: string; input: string[]; output: string[]; attribute: RawAttribute[] }[]; initializer: RawTensor[] };
}

function decode(bytes: Uint8Array): RawModel {
  const type = onnxModelType();
  return type.toObject(type.decode(bytes), { longs: Number, arrays: true, defaults: false }) as RawModel;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

test('graph inputs and outputs keep their names, dtypes and shapes, with symbolic and unknown dimensions', () => {
  const bytes = buildOnnxModel({
    graph: {
      inputs: [{ name: 'input', dtype: 'bool', shape: ['N', 6] }, { name: 'extra', dtype: 'float64', shape: [null, 3] }],
      outputs: [{ name: 'variable', dtype: 'float32', shape: ['batch', 1] }, { name: 'codes', dtype: 'int64', shape: [] }],
      nodes: [{ opType: 'Identity', inputs: ['input'], outputs: ['variable'] }],
    },
  });
  const info = readOnnxModelInfo(bytes);
  assert.deepEqual(info.inputs, [
    { name: 'input', kind: 'tensor', dtype: 'bool', shape: ['N', 6] },
    { name: 'extra', kind: 'tensor', dtype: 'float64', shape: [null, 3] },
  ]);
  assert.deepEqual(info.outputs, [
    { name: 'variable', kind: 'tensor', dtype: 'float32', shape: ['batch', 1] },
    { name: 'codes', kind: 'tensor', dtype: 'int64', shape: [] },
  ]);
});

test('ir_version 8 and opsets "":17, ai.onnx.ml:3 by default; producer, doc string and metadata_props as given', () => {
  const graph: OnnxModelDefinition['graph'] = {
    inputs: [{ name: 'X', dtype: 'float32', shape: ['N', 1] }], outputs: [{ name: 'Y', dtype: 'float32', shape: ['N', 1] }],
    nodes: [{ opType: 'Identity', inputs: ['X'], outputs: ['Y'] }],
  };
  const defaults = readOnnxModelInfo(buildOnnxModel({ graph }));
  assert.equal(defaults.irVersion, 8);
  assert.deepEqual(defaults.opsets, { '': 17, 'ai.onnx.ml': 3 });
  assert.deepEqual(defaults.metadata, {});
  const info = readOnnxModelInfo(buildOnnxModel({
    graph, irVersion: 7, opsets: { '': 13, 'ai.onnx.ml': 1 }, producer: 'pinwheel', producerVersion: '1', docString: 'a test model',
    metadata: { features: 'funny,show_product', 'target name': 'like_count ✓' },
  }));
  assert.equal(info.irVersion, 7);
  assert.deepEqual(info.opsets, { '': 13, 'ai.onnx.ml': 1 });
  assert.equal(info.producer, 'pinwheel');
  assert.equal(info.producerVersion, '1');
  assert.equal(info.docString, 'a test model');
  assert.deepEqual(info.metadata, { features: 'funny,show_product', 'target name': 'like_count ✓' });
});

test('every attribute kind and initializer type decodes to the values written', () => {
  const bytes = buildOnnxModel({
    graph: {
      inputs: [{ name: 'X', dtype: 'float32', shape: ['N', 2] }], outputs: [{ name: 'Y', dtype: 'float32', shape: ['N', 2] }],
      initializers: [
        { name: 'w32', dtype: 'float32', dims: [2, 2], values: [0.5, -1.25, 3, 1e-3] },
        { name: 'w64', dtype: 'float64', dims: [3], values: [0.1, 1 / 3, -2e300] },
        { name: 'i64', dtype: 'int64', dims: [2], values: [-(2 ** 40), 7] },
      ],
      nodes: [{
        opType: 'Custom', domain: 'test.domain', name: 'custom', inputs: ['X', 'w32'], outputs: ['Y'],
        attributes: {
          alpha: { float: 0.25 }, count: { int: -3 }, mode: { string: 'BRANCH_LEQ' },
          weights: { floats: [1.5, -0.5] }, ids: { ints: [0, 2 ** 33] }, labels: { strings: ['low', 'hé'] },
          value: { tensor: { dtype: 'int32', dims: [3], values: [1, -2, 3] } },
        },
      }],
    },
  });
  const { graph } = decode(bytes);
  const node = graph.node[0]!;
  assert.deepEqual([node.name, node.op_type, node.domain, node.input, node.output], ['custom', 'Custom', 'test.domain', ['X', 'w32'], ['Y']]);
  const byName = Object.fromEntries(node.attribute.map((a) => [a.name, a]));
  // AttributeProto.AttributeType: FLOAT=1 INT=2 STRING=3 TENSOR=4 FLOATS=6 INTS=7 STRINGS=8
  assert.deepEqual([byName.alpha!.type, byName.alpha!.f], [1, 0.25]);
  assert.deepEqual([byName.count!.type, byName.count!.i], [2, -3]);
  assert.deepEqual([byName.mode!.type, text(byName.mode!.s)], [3, 'BRANCH_LEQ']);
  assert.deepEqual([byName.weights!.type, byName.weights!.floats], [6, [1.5, -0.5]]);
  assert.deepEqual([byName.ids!.type, byName.ids!.ints], [7, [0, 2 ** 33]]);
  assert.deepEqual([byName.labels!.type, byName.labels!.strings!.map(text)], [8, ['low', 'hé']]);
  assert.equal(byName.value!.type, 4);
  assert.deepEqual([byName.value!.t!.data_type, byName.value!.t!.dims, byName.value!.t!.int32_data], [6, [3], [1, -2, 3]]);
  const [w32, w64, i64] = graph.initializer;
  // float32 storage rounds 1e-3 to the nearest float32.
  assert.deepEqual([w32!.name, w32!.data_type, w32!.dims, w32!.float_data], ['w32', 1, [2, 2], [0.5, -1.25, 3, Math.fround(1e-3)]]);
  assert.deepEqual([w64!.name, w64!.data_type, w64!.dims, w64!.double_data], ['w64', 11, [3], [0.1, 1 / 3, -2e300]]);
  assert.deepEqual([i64!.name, i64!.data_type, i64!.int64_data], ['i64', 7, [-(2 ** 40), 7]]);
});

test('a ZipMap output is a sequence of maps, and the reader finds the ZipMap and the classifier\'s labels', () => {
  const info = readOnnxModelInfo(int64LinearClassifier({ zipMap: true }).bytes);
  assert.deepEqual(info.outputs, [
    { name: 'label', kind: 'tensor', dtype: 'int64', shape: ['N'] },
    { name: 'output_probability', kind: 'sequence', dtype: null, shape: null },
  ]);
  assert.deepEqual(info.zipMaps, [{ output: 'output_probability', tensor: 'probability_tensor', classes: [10, 20, 30] }]);
  assert.deepEqual(info.classLabels, [10, 20, 30]);
  assert.deepEqual(info.operators, ['LinearClassifier', 'ZipMap']);
  assert.equal(info.estimator, 'LinearClassifier');
});

test('class labels are read from the classifier node: text labels of a tree classifier, none for regressors', () => {
  const classifier = readOnnxModelInfo(stringLabelTreeClassifier().bytes);
  assert.deepEqual(classifier.classLabels, ['low', 'mid', 'high']);
  assert.equal(classifier.estimator, 'TreeEnsembleClassifier');
  assert.deepEqual(classifier.zipMaps, []);
  const regressor = readOnnxModelInfo(adsTreeRegressor().bytes);
  assert.equal(regressor.classLabels, null);
  assert.deepEqual(regressor.operators, ['Cast', 'TreeEnsembleRegressor']);
  assert.deepEqual(regressor.metadata, { features: 'funny,show_product,patriotic,celebrity,danger,animals' });
});

test('initializers are weights, not model inputs; each column input of a multi-input model is listed', () => {
  assert.deepEqual(readOnnxModelInfo(typedLinearModel('float64').bytes).inputs, [{ name: 'X', kind: 'tensor', dtype: 'float64', shape: ['N', 3] }]);
  assert.deepEqual(readOnnxModelInfo(housePriceModel().bytes).inputs.map((input) => [input.name, input.dtype, input.shape]), [
    ['city', 'string', ['N', 1]], ['rooms', 'int64', ['N', 1]], ['area', 'float32', ['N']], ['garden', 'bool', ['N', 1]],
  ]);
});

test('the same definition always gives the same bytes', () => {
  assert.deepEqual(adsTreeRegressor().bytes, adsTreeRegressor().bytes);
});

test('impossible definitions are refused before any bytes are written', () => {
  const graph = (initializer: { dims: number[]; values: number[]; dtype?: 'float32' | 'int64' }): OnnxModelDefinition['graph'] => ({
    inputs: [{ name: 'X', dtype: 'float32', shape: ['N', 1] }], outputs: [{ name: 'Y', dtype: 'float32', shape: ['N', 1] }],
    nodes: [{ opType: 'Add', inputs: ['X', 'B'], outputs: ['Y'] }],
    initializers: [{ name: 'B', dtype: initializer.dtype ?? 'float32', dims: initializer.dims, values: initializer.values }],
  });
  assert.throws(() => buildOnnxModel({ graph: graph({ dims: [2], values: [1] }) }), /has 1 values for dims \[2\]/);
  assert.throws(() => buildOnnxModel({ graph: graph({ dims: [1], values: [0.5], dtype: 'int64' }) }), /whole number/);
  assert.throws(() => buildOnnxModel({
    graph: { ...graph({ dims: [1], values: [1] }), nodes: [{ opType: 'Cast', inputs: ['X'], outputs: ['Y'], attributes: { to: { int: 1.5 } } }] },
  }), /attribute to must be a whole number/);
});
