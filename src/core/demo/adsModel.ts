/**
 * The demo's model: a small random forest that predicts an ad's like count from its six yes/no
 * features, trained here in plain TypeScript (CART with variance reduction, bootstrap samples from
 * a seeded generator) and exported to ONNX the way skl2onnx exports scikit-learn's forest: a bool
 * [N, 6] input "input", a Cast to float and a TreeEnsembleRegressor with a float [N, 1] output
 * "variable". Same seed, same bytes.
 */
import { buildOnnxModel } from '../onnx/onnxWriter.js';
import { AD_FEATURES, seededRandom, syntheticAds, type AdFeature, type AdRow } from './syntheticAds.js';

/** A regression tree over yes/no features: a leaf, or a split on whether one feature is true. */
export type AdsTree = { value: number } | { feature: AdFeature; ifFalse: AdsTree; ifTrue: AdsTree };

export interface AdsForest {
  trees: AdsTree[];
}

export type AdFeatures = Record<AdFeature, boolean>;

export interface AdsForestOptions {
  trees?: number;
  maxDepth?: number;
  /** A node with fewer rows than this becomes a leaf. */
  minRowsToSplit?: number;
  seed?: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sum of squared deviations from the mean: what a split should reduce. */
function squaredError(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0);
}

function growTree(rows: readonly AdRow[], depth: number, maxDepth: number, minRowsToSplit: number): AdsTree {
  const likes = rows.map((row) => row.like_count);
  const leaf: AdsTree = { value: mean(likes) };
  if (depth >= maxDepth || rows.length < minRowsToSplit) return leaf;
  let best: { feature: AdFeature; error: number; ifFalse: AdRow[]; ifTrue: AdRow[] } | null = null;
  // Ties go to the first feature in AD_FEATURES order, so training is deterministic.
  for (const feature of AD_FEATURES) {
    const ifFalse = rows.filter((row) => !row[feature]);
    const ifTrue = rows.filter((row) => row[feature]);
    if (ifFalse.length === 0 || ifTrue.length === 0) continue;
    const error = squaredError(ifFalse.map((row) => row.like_count)) + squaredError(ifTrue.map((row) => row.like_count));
    if (!best || error < best.error) best = { feature, error, ifFalse, ifTrue };
  }
  if (!best || best.error >= squaredError(likes)) return leaf;
  return {
    feature: best.feature,
    ifFalse: growTree(best.ifFalse, depth + 1, maxDepth, minRowsToSplit),
    ifTrue: growTree(best.ifTrue, depth + 1, maxDepth, minRowsToSplit),
  };
}

/** Trains a random forest regressor of like_count on bootstrap samples of the rows. */
export function trainAdsForest(rows: readonly AdRow[], options: AdsForestOptions = {}): AdsForest {
  const { trees = 20, maxDepth = 4, minRowsToSplit = 2, seed = 1 } = options;
  if (rows.length === 0) throw new RangeError('a forest needs at least one training row');
  const random = seededRandom(seed);
  return {
    trees: Array.from({ length: trees }, () => {
      const sample = Array.from({ length: rows.length }, () => rows[Math.floor(random() * rows.length)]!);
      return growTree(sample, 0, maxDepth, minRowsToSplit);
    }),
  };
}

function treeValue(tree: AdsTree, features: AdFeatures): number {
  let node = tree;
  while (!('value' in node)) node = features[node.feature] ? node.ifTrue : node.ifFalse;
  return node.value;
}

/** The forest's prediction: the mean of its trees' leaves. */
export function predictAdsForest(forest: AdsForest, features: AdFeatures): number {
  return mean(forest.trees.map((tree) => treeValue(tree, features)));
}

/** The ONNX model of a forest (see the file comment); metadata_props name the features in input order. */
export function adsForestOnnx(forest: AdsForest): Uint8Array {
  const nodes = { treeids: [] as number[], nodeids: [] as number[], featureids: [] as number[], values: [] as number[],
    modes: [] as string[], truenodeids: [] as number[], falsenodeids: [] as number[] };
  const leaves = { treeids: [] as number[], nodeids: [] as number[], weights: [] as number[] };
  forest.trees.forEach((tree, treeId) => {
    let nextId = 0;
    const add = (node: AdsTree): number => {
      const id = nextId++;
      const at = nodes.nodeids.length;
      nodes.treeids.push(treeId); nodes.nodeids.push(id); nodes.truenodeids.push(0); nodes.falsenodeids.push(0);
      if ('value' in node) {
        nodes.featureids.push(0); nodes.values.push(0); nodes.modes.push('LEAF');
        leaves.treeids.push(treeId); leaves.nodeids.push(id); leaves.weights.push(node.value);
        return id;
      }
      // Booleans arrive as 0/1 floats: "x <= 0.5" is the feature being false.
      nodes.featureids.push(AD_FEATURES.indexOf(node.feature)); nodes.values.push(0.5); nodes.modes.push('BRANCH_LEQ');
      nodes.truenodeids[at] = add(node.ifFalse);
      nodes.falsenodeids[at] = add(node.ifTrue);
      return id;
    };
    add(tree);
  });
  return buildOnnxModel({
    producer: 'pinwheel',
    // The version of this exporter: it changes when the bytes it writes for a forest change.
    producerVersion: '1',
    docString: `Random forest of ${forest.trees.length} trees predicting like_count (Pinwheel demo)`,
    metadata: { features: AD_FEATURES.join(','), target: 'like_count' },
    graph: {
      name: 'ads_forest',
      inputs: [{ name: 'input', dtype: 'bool', shape: ['N', AD_FEATURES.length] }],
      outputs: [{ name: 'variable', dtype: 'float32', shape: ['N', 1] }],
      nodes: [
        { opType: 'Cast', inputs: ['input'], outputs: ['input_float'], attributes: { to: { int: 1 } } },
        {
          opType: 'TreeEnsembleRegressor', domain: 'ai.onnx.ml', inputs: ['input_float'], outputs: ['variable'],
          attributes: {
            n_targets: { int: 1 }, aggregate_function: { string: 'AVERAGE' }, post_transform: { string: 'NONE' },
            nodes_treeids: { ints: nodes.treeids }, nodes_nodeids: { ints: nodes.nodeids }, nodes_featureids: { ints: nodes.featureids },
            nodes_values: { floats: nodes.values }, nodes_modes: { strings: nodes.modes },
            nodes_truenodeids: { ints: nodes.truenodeids }, nodes_falsenodeids: { ints: nodes.falsenodeids },
            nodes_hitrates: { floats: nodes.values.map(() => 1) }, nodes_missing_value_tracks_true: { ints: nodes.values.map(() => 0) },
            target_treeids: { ints: leaves.treeids }, target_nodeids: { ints: leaves.nodeids },
            target_ids: { ints: leaves.treeids.map(() => 0) }, target_weights: { floats: leaves.weights },
          },
        },
      ],
    },
  });
}

export interface DemoAdsModel {
  forest: AdsForest;
  /** The ONNX file's bytes. */
  onnx: Uint8Array;
  /** The synthetic rows it was trained on. */
  trainingRows: AdRow[];
}

/** The demo board's model: a forest trained on the demo's synthetic ads (same seed, same data, same bytes). */
export function demoAdsModel({ seed = 2021, rows = 320 }: { seed?: number; rows?: number } = {}): DemoAdsModel {
  const trainingRows = syntheticAds({ rows, seed });
  const forest = trainAdsForest(trainingRows, { seed });
  return { forest, onnx: adsForestOnnx(forest), trainingRows };
}
