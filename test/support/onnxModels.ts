// Small ONNX models built with Pinwheel's writer, one per kind of model the server must run,
// each returned with the parameters a test needs to compute the expected predictions itself.
import { buildOnnxModel, type OnnxNodeDefinition, type OnnxTensorDefinition } from '../../src/core/onnx/index.js';
import { pinwheelModelSpecSchema, type PinwheelModelSpec } from '../../src/core/vetiver/modelSpec.js';

export const ADS_FEATURES = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'] as const;
export type AdsRow = Record<(typeof ADS_FEATURES)[number], boolean>;

/** All 64 combinations of the six yes/no ad features. */
export function allAdsRows(): AdsRow[] {
  return Array.from({ length: 64 }, (_, bits) =>
    Object.fromEntries(ADS_FEATURES.map((feature, i) => [feature, ((bits >> i) & 1) === 1])) as AdsRow);
}

/** A decision tree as a test reads it: leaves hold one value per target (or per class). */
export type TestTree =
  | { leaf: number[] }
  | { feature: number; threshold: number; ifLessOrEqual: TestTree; ifGreater: TestTree };

/** The nodes_* attributes of an ai.onnx.ml tree ensemble, plus each leaf's weights. */
function treeEnsembleAttributes(trees: readonly TestTree[], leafWeights: (leaf: number[]) => number[], prefix: 'target' | 'class') {
  const nodes = { treeids: [] as number[], nodeids: [] as number[], featureids: [] as number[], values: [] as number[],
    modes: [] as string[], truenodeids: [] as number[], falsenodeids: [] as number[] };
  const leaves = { treeids: [] as number[], nodeids: [] as number[], ids: [] as number[], weights: [] as number[] };
  trees.forEach((tree, treeId) => {
    let nextId = 0;
    const visit = (node: TestTree): number => {
      const id = nextId++;
      const at = nodes.nodeids.length;
      nodes.treeids.push(treeId); nodes.nodeids.push(id);
      if ('leaf' in node) {
        nodes.featureids.push(0); nodes.values.push(0); nodes.modes.push('LEAF'); nodes.truenodeids.push(0); nodes.falsenodeids.push(0);
        leafWeights(node.leaf).forEach((weight, target) => {
          leaves.treeids.push(treeId); leaves.nodeids.push(id); leaves.ids.push(target); leaves.weights.push(weight);
        });
        return id;
      }
      nodes.featureids.push(node.feature); nodes.values.push(node.threshold); nodes.modes.push('BRANCH_LEQ');
      nodes.truenodeids.push(0); nodes.falsenodeids.push(0);
      nodes.truenodeids[at] = visit(node.ifLessOrEqual);
      nodes.falsenodeids[at] = visit(node.ifGreater);
      return id;
    };
    visit(tree);
  });
  return {
    nodes_treeids: { ints: nodes.treeids }, nodes_nodeids: { ints: nodes.nodeids }, nodes_featureids: { ints: nodes.featureids },
    nodes_values: { floats: nodes.values }, nodes_modes: { strings: nodes.modes },
    nodes_truenodeids: { ints: nodes.truenodeids }, nodes_falsenodeids: { ints: nodes.falsenodeids },
    nodes_hitrates: { floats: nodes.values.map(() => 1) }, nodes_missing_value_tracks_true: { ints: nodes.values.map(() => 0) },
    [`${prefix}_treeids`]: { ints: leaves.treeids }, [`${prefix}_nodeids`]: { ints: leaves.nodeids },
    [`${prefix}_ids`]: { ints: leaves.ids }, [`${prefix}_weights`]: { floats: leaves.weights },
  };
}

const split = (feature: number, ifFalse: TestTree, ifTrue: TestTree): TestTree =>
  ({ feature, threshold: 0.5, ifLessOrEqual: ifFalse, ifGreater: ifTrue });
const leaf = (...values: number[]): TestTree => ({ leaf: values });

/** (b) Three regression trees over the six ad features; the prediction is the mean of the trees' leaves. */
export function adsTreeRegressor(): { bytes: Uint8Array; trees: TestTree[] } {
  const [funny, showProduct, patriotic, celebrity, danger, animals] = [0, 1, 2, 3, 4, 5];
  const trees: TestTree[] = [
    split(celebrity, split(funny, leaf(500), leaf(1500)), split(danger, leaf(2000), split(animals, leaf(2600), leaf(20000)))),
    split(funny, split(patriotic, leaf(300), leaf(700)), split(showProduct, leaf(1800), leaf(8000))),
    split(danger, leaf(1000), split(celebrity, leaf(1700), leaf(3000))),
  ];
  // skl2onnx writes a forest as SUM over leaves already divided by the tree count.
  const attributes = treeEnsembleAttributes(trees, (values) => values.map((v) => v / trees.length), 'target');
  const bytes = buildOnnxModel({
    producer: 'pinwheel-tests',
    metadata: { features: ADS_FEATURES.join(',') },
    graph: {
      inputs: [{ name: 'input', dtype: 'bool', shape: ['N', 6] }],
      outputs: [{ name: 'variable', dtype: 'float32', shape: ['N', 1] }],
      nodes: [
        { opType: 'Cast', inputs: ['input'], outputs: ['input_float'], attributes: { to: { int: 1 } } },
        {
          opType: 'TreeEnsembleRegressor', domain: 'ai.onnx.ml', inputs: ['input_float'], outputs: ['variable'],
          attributes: { ...attributes, n_targets: { int: 1 }, aggregate_function: { string: 'SUM' }, post_transform: { string: 'NONE' }, base_values: { floats: [0] } },
        },
      ],
    },
  });
  return { bytes, trees };
}

/** (c1) Two classification trees with text labels; the probabilities are the mean of the leaves'. */
export function stringLabelTreeClassifier(): { bytes: Uint8Array; trees: TestTree[]; classes: string[] } {
  const classes = ['low', 'mid', 'high'];
  const [funny, showProduct, , celebrity, danger, animals] = [0, 1, 2, 3, 4, 5];
  const trees: TestTree[] = [
    split(celebrity, split(funny, leaf(0.7, 0.2, 0.1), leaf(0.3, 0.45, 0.25)), split(danger, leaf(0.15, 0.55, 0.3), leaf(0.05, 0.15, 0.8))),
    split(animals, split(showProduct, leaf(0.6, 0.3, 0.1), leaf(0.35, 0.4, 0.25)), leaf(0.1, 0.25, 0.65)),
  ];
  const attributes = treeEnsembleAttributes(trees, (values) => values.map((v) => v / trees.length), 'class');
  const bytes = buildOnnxModel({
    producer: 'pinwheel-tests',
    graph: {
      inputs: [{ name: 'X', dtype: 'float32', shape: ['N', 6] }],
      outputs: [{ name: 'label', dtype: 'string', shape: ['N'] }, { name: 'probabilities', dtype: 'float32', shape: ['N', 3] }],
      nodes: [{
        opType: 'TreeEnsembleClassifier', domain: 'ai.onnx.ml', inputs: ['X'], outputs: ['label', 'probabilities'],
        attributes: { ...attributes, classlabels_strings: { strings: classes }, post_transform: { string: 'NONE' } },
      }],
    },
  });
  return { bytes, trees, classes };
}

export interface LinearClassifierModel {
  bytes: Uint8Array;
  /** One row of coefficients per class, over the six ad features. */
  coefficients: number[][];
  intercepts: number[];
  classes: number[];
}

/**
 * (c2) A softmax LinearClassifier with int64 labels; (c3) with `zipMap`, the same classifier
 * followed by a ZipMap, as skl2onnx exports classifiers by default.
 */
export function int64LinearClassifier({ zipMap }: { zipMap: boolean }): LinearClassifierModel {
  const classes = [10, 20, 30];
  const coefficients = [
    [0.8, -0.3, 0.15, 1.1, -0.45, 0.2],
    [-0.25, 0.6, 0.35, -0.5, 0.9, 0.08],
    [0.13, 0.21, -0.7, 0.43, 0.31, -0.66],
  ];
  const intercepts = [0.05, -0.1, 0.17];
  const nodes: OnnxNodeDefinition[] = [{
    opType: 'LinearClassifier', domain: 'ai.onnx.ml', inputs: ['X'], outputs: ['label', 'probability_tensor'],
    attributes: {
      coefficients: { floats: coefficients.flat() }, intercepts: { floats: intercepts },
      classlabels_ints: { ints: classes }, post_transform: { string: 'SOFTMAX' }, multi_class: { int: 0 },
    },
  }];
  if (zipMap) {
    nodes.push({ opType: 'ZipMap', domain: 'ai.onnx.ml', inputs: ['probability_tensor'], outputs: ['output_probability'], attributes: { classlabels_int64s: { ints: classes } } });
  }
  const bytes = buildOnnxModel({
    producer: 'pinwheel-tests',
    graph: {
      inputs: [{ name: 'X', dtype: 'float32', shape: ['N', 6] }],
      outputs: [
        { name: 'label', dtype: 'int64', shape: ['N'] },
        zipMap
          ? { name: 'output_probability', sequenceOfMaps: { key: 'int64', value: 'float32' } }
          : { name: 'probability_tensor', dtype: 'float32', shape: ['N', 3] },
      ],
      nodes,
    },
  });
  return { bytes, coefficients, intercepts, classes };
}

export interface HousePriceModel {
  bytes: Uint8Array;
  /** What each known city becomes before the linear model; any other city becomes `unknownCity`. */
  cityCodes: Record<string, number>;
  unknownCity: number;
  /** Over [city code, rooms, area, garden (1/0)]. */
  coefficients: number[];
  intercept: number;
}

/**
 * (d) One input per column, of mixed types: city (string [N,1], through a LabelEncoder), rooms
 * (int64 [N,1]), area (float [N], rank 1) and garden (bool [N,1]), concatenated into a LinearRegressor.
 */
export function housePriceModel(): HousePriceModel {
  const cityCodes = { paris: 3, lyon: 1.5, nice: 2.25 };
  const unknownCity = -1;
  const coefficients = [40_000, 12_500, 3_100.5, 18_000];
  const intercept = 25_000;
  const bytes = buildOnnxModel({
    producer: 'pinwheel-tests',
    graph: {
      inputs: [
        { name: 'city', dtype: 'string', shape: ['N', 1] },
        { name: 'rooms', dtype: 'int64', shape: ['N', 1] },
        { name: 'area', dtype: 'float32', shape: ['N'] },
        { name: 'garden', dtype: 'bool', shape: ['N', 1] },
      ],
      outputs: [{ name: 'price', dtype: 'float32', shape: ['N', 1] }],
      initializers: [{ name: 'unsqueeze_axes', dtype: 'int64', dims: [1], values: [1] }],
      nodes: [
        {
          opType: 'LabelEncoder', domain: 'ai.onnx.ml', inputs: ['city'], outputs: ['city_code'],
          attributes: { keys_strings: { strings: Object.keys(cityCodes) }, values_floats: { floats: Object.values(cityCodes) }, default_float: { float: unknownCity } },
        },
        { opType: 'Cast', inputs: ['rooms'], outputs: ['rooms_float'], attributes: { to: { int: 1 } } },
        { opType: 'Unsqueeze', inputs: ['area', 'unsqueeze_axes'], outputs: ['area_column'] },
        { opType: 'Cast', inputs: ['garden'], outputs: ['garden_float'], attributes: { to: { int: 1 } } },
        { opType: 'Concat', inputs: ['city_code', 'rooms_float', 'area_column', 'garden_float'], outputs: ['features'], attributes: { axis: { int: 1 } } },
        {
          opType: 'LinearRegressor', domain: 'ai.onnx.ml', inputs: ['features'], outputs: ['price'],
          attributes: { coefficients: { floats: coefficients }, intercepts: { floats: [intercept] }, targets: { int: 1 } },
        },
      ],
    },
  });
  return { bytes, cityCodes, unknownCity, coefficients, intercept };
}

export interface LinearModel {
  bytes: Uint8Array;
  /** weights[feature][target] */
  weights: number[][];
  bias: number[];
}

function matMulAdd(input: { dtype: 'float32' | 'float64' | 'int64' | 'int32'; width: number }, weights: number[][], bias: number[], output: string): Uint8Array {
  // Integer inputs are cast to float first, as exporters do; float64 stays float64 end to end.
  const compute = input.dtype === 'float64' ? 'float64' : 'float32';
  const targets = bias.length;
  const initializers: OnnxTensorDefinition[] = [
    { name: 'W', dtype: compute, dims: [input.width, targets], values: weights.flat() },
    { name: 'B', dtype: compute, dims: [targets], values: bias },
  ];
  const nodes: OnnxNodeDefinition[] = [];
  let x = 'X';
  if (input.dtype === 'int64' || input.dtype === 'int32') {
    nodes.push({ opType: 'Cast', inputs: ['X'], outputs: ['X_float'], attributes: { to: { int: 1 } } });
    x = 'X_float';
  }
  nodes.push({ opType: 'MatMul', inputs: [x, 'W'], outputs: ['XW'] }, { opType: 'Add', inputs: ['XW', 'B'], outputs: [output] });
  return buildOnnxModel({
    producer: 'pinwheel-tests',
    graph: {
      inputs: [{ name: 'X', dtype: input.dtype, shape: ['N', input.width] }],
      outputs: [{ name: output, dtype: compute, shape: ['N', targets] }],
      initializers,
      nodes,
    },
  });
}

/** (a) MatMul + Add over X float [N, 4]: the example checked by hand in the runtime notes (W=[1.5,-2,0.25,3], B=10). */
export function linearRegressionModel(): LinearModel {
  const weights = [[1.5], [-2], [0.25], [3]];
  const bias = [10];
  return { bytes: matMulAdd({ dtype: 'float32', width: 4 }, weights, bias, 'variable'), weights, bias };
}

/** (e) The same kind of model over an int64, int32 or float64 [N, 3] input. */
export function typedLinearModel(dtype: 'int64' | 'int32' | 'float64'): LinearModel {
  const weights = [[0.5], [-1.25], [2.125]];
  const bias = [0.1];
  return { bytes: matMulAdd({ dtype, width: 3 }, weights, bias, 'variable'), weights, bias };
}

/** (f) A regressor with two targets: output [N, 2]. */
export function twoTargetModel(): LinearModel {
  const weights = [[1, -0.5], [2, 0.25], [-3, 4]];
  const bias = [100, -7.5];
  return { bytes: matMulAdd({ dtype: 'float32', width: 3 }, weights, bias, 'targets'), weights, bias };
}

/** A complete, validated `user.pinwheel` from the parts a test cares about. */
export function pinwheelSpec(parts: Pick<PinwheelModelSpec, 'task' | 'prototype' | 'inputs' | 'outputs'>): PinwheelModelSpec {
  return pinwheelModelSpecSchema.parse({
    schema_version: 1,
    kind: 'onnx-model',
    ...parts,
    onnx: { ir_version: 8, opset: { '': 17, 'ai.onnx.ml': 3 }, producer: 'pinwheel-tests', producer_version: '' },
    runtime: { onnxruntime: '1.30.0' },
  });
}
