import { ONNX_DTYPES, onnxModelType, type OnnxDtype } from './onnxSchema.js';

/** One graph input or output as declared in the ONNX file. */
export interface OnnxValueInfo {
  name: string;
  /** ZipMap outputs are `sequence` (of maps): onnxruntime-node cannot hand them to JavaScript. */
  kind: 'tensor' | 'sequence' | 'map' | 'unknown';
  /** Element type of a tensor, null otherwise or when the file does not say. */
  dtype: OnnxDtype | null;
  /** Dimensions: a number, a symbolic name such as "N", or null when unknown. Null when unranked. */
  shape: (number | string | null)[] | null;
}

/** A ZipMap node: the class probabilities exist as a plain tensor right before it. */
export interface OnnxZipMap {
  /** The sequence-of-maps output users see (e.g. `output_probability`). */
  output: string;
  /** The float tensor the ZipMap consumes, which can be fetched from the session. */
  tensor: string;
  classes: (string | number)[];
}

export interface OnnxModelInfo {
  irVersion: number;
  /** Operator sets by domain; the default domain is "". */
  opsets: Record<string, number>;
  producer: string;
  producerVersion: string;
  modelVersion: number;
  docString: string;
  /** `metadata_props` (onnxruntime-node does not expose them; exporters put feature names here). */
  metadata: Record<string, string>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /** Distinct operator types in graph order, e.g. ["Cast", "TreeEnsembleRegressor"]. */
  operators: string[];
  /** The estimator operator (TreeEnsembleRegressor, LinearClassifier…), if the graph has one. */
  estimator: string | null;
  zipMaps: OnnxZipMap[];
  /** Class labels of the classifier node (TreeEnsembleClassifier, LinearClassifier, SVMClassifier), in probability-column order; null without one. */
  classLabels: (string | number)[] | null;
}

/** The ai.onnx.ml operators that are models rather than data preparation. */
const ESTIMATORS = new Set([
  'TreeEnsembleRegressor', 'TreeEnsembleClassifier', 'TreeEnsemble', 'LinearRegressor', 'LinearClassifier',
  'SVMRegressor', 'SVMClassifier',
]);

export class NotAnOnnxModelError extends Error {
  override readonly name = 'NotAnOnnxModelError';
}

interface RawDim { dim_value?: number; dim_param?: string }
interface RawType {
  tensor_type?: { elem_type?: number; shape?: { dim?: RawDim[] } };
  sequence_type?: unknown;
  map_type?: unknown;
}
interface RawValueInfo { name?: string; type?: RawType }
interface RawAttribute { name?: string; ints?: number[]; strings?: Uint8Array[] }
interface RawNode { input?: string[]; output?: string[]; op_type?: string; domain?: string; attribute?: RawAttribute[] }
interface RawModel {
  ir_version?: number;
  opset_import?: { domain?: string; version?: number }[];
  producer_name?: string;
  producer_version?: string;
  model_version?: number;
  doc_string?: string;
  graph?: { node?: RawNode[]; input?: RawValueInfo[]; output?: RawValueInfo[]; initializer?: { name?: string }[] };
  metadata_props?: { key?: string; value?: string }[];
}

function valueInfo(raw: RawValueInfo): OnnxValueInfo {
  const name = raw.name ?? '';
  const type = raw.type;
  if (type?.tensor_type) {
    const tensor = type.tensor_type;
    const shape = tensor.shape
      ? (tensor.shape.dim ?? []).map((dim) => dim.dim_value ?? (dim.dim_param ? dim.dim_param : null))
      : null;
    return { name, kind: 'tensor', dtype: ONNX_DTYPES[tensor.elem_type ?? 0] ?? null, shape };
  }
  if (type?.sequence_type) return { name, kind: 'sequence', dtype: null, shape: null };
  if (type?.map_type) return { name, kind: 'map', dtype: null, shape: null };
  return { name, kind: 'unknown', dtype: null, shape: null };
}

const utf8 = new TextDecoder();

/** ZipMap names its labels classlabels_int64s, the classifiers classlabels_ints. */
function classLabelsOf(node: RawNode, intsAttribute: string): (string | number)[] | null {
  let classes: (string | number)[] | null = null;
  for (const attribute of node.attribute ?? []) {
    if (attribute.name === 'classlabels_strings') classes = (attribute.strings ?? []).map((s) => utf8.decode(s));
    if (attribute.name === intsAttribute) classes = (attribute.ints ?? []).map(Number);
  }
  return classes;
}

const CLASSIFIERS = new Set(['TreeEnsembleClassifier', 'LinearClassifier', 'SVMClassifier']);

function zipMapOf(node: RawNode): OnnxZipMap | null {
  const tensor = node.input?.[0];
  const output = node.output?.[0];
  if (!tensor || !output) return null;
  return { output, tensor, classes: classLabelsOf(node, 'classlabels_int64s') ?? [] };
}

/**
 * Reads what Pinwheel needs from an ONNX file without running it: graph inputs and outputs
 * with types and shapes, operators, opsets, producer and metadata_props.
 */
export function readOnnxModelInfo(bytes: Uint8Array): OnnxModelInfo {
  let raw: RawModel;
  try {
    const type = onnxModelType();
    raw = type.toObject(type.decode(bytes), { longs: Number, bytes: Uint8Array, arrays: true }) as RawModel;
  } catch (error) {
    throw new NotAnOnnxModelError(`it is not an ONNX model (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const graph = raw.graph;
  if (!graph || (graph.output ?? []).length === 0 || !raw.ir_version) {
    throw new NotAnOnnxModelError('it is not an ONNX model (no graph with outputs, or no IR version)');
  }
  // Since IR 4, initializers may also be listed as inputs; they are weights, not features.
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const nodes = graph.node ?? [];
  const operators: string[] = [];
  for (const node of nodes) {
    const op = node.op_type ?? '';
    if (op && !operators.includes(op)) operators.push(op);
  }
  const opsets: Record<string, number> = {};
  for (const opset of raw.opset_import ?? []) opsets[opset.domain ?? ''] = opset.version ?? 0;
  const metadata: Record<string, string> = {};
  for (const entry of raw.metadata_props ?? []) if (entry.key) metadata[entry.key] = entry.value ?? '';
  return {
    irVersion: raw.ir_version,
    opsets,
    producer: raw.producer_name ?? '',
    producerVersion: raw.producer_version ?? '',
    modelVersion: raw.model_version ?? 0,
    docString: raw.doc_string ?? '',
    metadata,
    inputs: (graph.input ?? []).filter((input) => !initializers.has(input.name)).map(valueInfo),
    outputs: (graph.output ?? []).map(valueInfo),
    operators,
    estimator: operators.find((op) => ESTIMATORS.has(op)) ?? null,
    zipMaps: nodes.filter((node) => node.op_type === 'ZipMap').map(zipMapOf).filter((z): z is OnnxZipMap => z !== null),
    classLabels: nodes.filter((node) => CLASSIFIERS.has(node.op_type ?? '')).map((node) => classLabelsOf(node, 'classlabels_ints')).find((labels) => labels !== null) ?? null,
  };
}

/** "An ONNX TreeEnsembleRegressor model (skl2onnx 1.16)": the default description of a model pin. */
export function describeOnnxModel(info: OnnxModelInfo): string {
  const what = info.estimator ?? (info.operators.length <= 3 ? info.operators.join('/') : `${info.operators.length}-operator`);
  const producer = [info.producer, info.producerVersion].filter(Boolean).join(' ');
  return `An ONNX ${what} model${producer ? ` (${producer})` : ''}`;
}
