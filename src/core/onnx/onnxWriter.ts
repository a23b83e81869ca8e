import { onnxDtypeCode, onnxModelType, type OnnxDtype } from './onnxSchema.js';

/**
 * Builds small ONNX models (ModelProto bytes) from plain descriptions: the demo model and the
 * test models are written with it, so no Python exporter is needed.
 */

/** A tensor constant: an initializer, or the value of a `tensor` attribute. */
export interface OnnxTensorDefinition {
  /** Required for initializers; ignored inside attributes. */
  name?: string;
  dtype: OnnxDtype;
  dims: readonly number[];
  /** Row-major values; booleans as 0/1; whole numbers for integer types. */
  values: readonly number[] | readonly string[];
}

/** One node attribute: the key says which of ONNX's attribute kinds it is. */
export type OnnxAttributeValue =
  | { float: number }
  | { int: number }
  | { string: string }
  | { floats: readonly number[] }
  | { ints: readonly number[] }
  | { strings: readonly string[] }
  | { tensor: OnnxTensorDefinition };

export interface OnnxNodeDefinition {
  opType: string;
  /** "" (the default ONNX operators) or e.g. "ai.onnx.ml". */
  domain?: string;
  name?: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

/** A dimension: a fixed size, a symbolic name such as "N", or null for unknown. */
export type OnnxDimension = number | string | null;

/** A graph input or output: a tensor, or the sequence of maps a ZipMap produces. */
export type OnnxValueDefinition =
  | { name: string; dtype: OnnxDtype; shape: readonly OnnxDimension[] }
  | { name: string; sequenceOfMaps: { key: 'string' | 'int64'; value: OnnxDtype } };

export interface OnnxGraphDefinition {
  name?: string;
  nodes: readonly OnnxNodeDefinition[];
  inputs: readonly OnnxValueDefinition[];
  outputs: readonly OnnxValueDefinition[];
  initializers?: readonly OnnxTensorDefinition[];
}

export interface OnnxModelDefinition {
  graph: OnnxGraphDefinition;
  /** Operator sets by domain; defaults to {"": 17, "ai.onnx.ml": 3}, which onnxruntime 1.30 runs. */
  opsets?: Readonly<Record<string, number>>;
  /** Defaults to 8 (ONNX 1.10+ readers, including every supported onnxruntime). */
  irVersion?: number;
  producer?: string;
  producerVersion?: string;
  docString?: string;
  metadata?: Readonly<Record<string, string>>;
}

export const DEFAULT_OPSETS: Readonly<Record<string, number>> = { '': 17, 'ai.onnx.ml': 3 };

// AttributeProto.AttributeType codes.
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

const utf8 = new TextEncoder();

function wholeNumber(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${value}`);
  return value;
}

function encodeTensor(tensor: OnnxTensorDefinition): Record<string, unknown> {
  const size = tensor.dims.reduce((product, dim) => product * dim, 1);
  if (tensor.values.length !== size) {
    throw new RangeError(`tensor ${tensor.name ?? ''} has ${tensor.values.length} values for dims [${tensor.dims.join(', ')}]`);
  }
  const out: Record<string, unknown> = {
    dims: tensor.dims.map((dim) => wholeNumber(dim, 'a tensor dimension')),
    data_type: onnxDtypeCode(tensor.dtype),
  };
  if (tensor.name !== undefined) out.name = tensor.name;
  if (tensor.dtype === 'string') {
    out.string_data = tensor.values.map((value) => utf8.encode(String(value)));
    return out;
  }
  const numbers = tensor.values.map((value) => {
    if (typeof value !== 'number') throw new TypeError(`tensor ${tensor.name ?? ''} of ${tensor.dtype} holds a string`);
    return value;
  });
  switch (tensor.dtype) {
    case 'float32': case 'float16': out.float_data = numbers; break;
    case 'float64': out.double_data = numbers; break;
    case 'int64': out.int64_data = numbers.map((n) => wholeNumber(n, 'an int64 value')); break;
    case 'uint64': case 'uint32':
      throw new RangeError(`tensors of ${tensor.dtype} are not supported by this builder`);
    default: out.int32_data = numbers.map((n) => wholeNumber(n, `a ${tensor.dtype} value`)); // int8…int32, uint8, uint16, bool
  }
  return out;
}

function encodeAttribute(name: string, attribute: OnnxAttributeValue): Record<string, unknown> {
  if ('float' in attribute) return { name, type: ATTRIBUTE_TYPE.float, f: attribute.float };
  if ('int' in attribute) return { name, type: ATTRIBUTE_TYPE.int, i: wholeNumber(attribute.int, `attribute ${name}`) };
  if ('string' in attribute) return { name, type: ATTRIBUTE_TYPE.string, s: utf8.encode(attribute.string) };
  if ('floats' in attribute) return { name, type: ATTRIBUTE_TYPE.floats, floats: [...attribute.floats] };
  if ('ints' in attribute) return { name, type: ATTRIBUTE_TYPE.ints, ints: attribute.ints.map((i) => wholeNumber(i, `attribute ${name}`)) };
  if ('strings' in attribute) return { name, type: ATTRIBUTE_TYPE.strings, strings: attribute.strings.map((s) => utf8.encode(s)) };
  return { name, type: ATTRIBUTE_TYPE.tensor, t: encodeTensor(attribute.tensor) };
}

function encodeShape(shape: readonly OnnxDimension[]): Record<string, unknown> {
  return {
    dim: shape.map((dim) => {
      if (dim === null) return {};
      return typeof dim === 'number' ? { dim_value: wholeNumber(dim, 'a dimension') } : { dim_param: dim };
    }),
  };
}

/** The ValueInfoProto of one graph input or output, as a protobufjs plain object. */
export function encodeValueInfo(value: OnnxValueDefinition): Record<string, unknown> {
  if ('dtype' in value) {
    return { name: value.name, type: { tensor_type: { elem_type: onnxDtypeCode(value.dtype), shape: encodeShape(value.shape) } } };
  }
  const { key, value: valueDtype } = value.sequenceOfMaps;
  const map = { key_type: onnxDtypeCode(key), value_type: { tensor_type: { elem_type: onnxDtypeCode(valueDtype) } } };
  return { name: value.name, type: { sequence_type: { elem_type: { map_type: map } } } };
}

function encodeNode(node: OnnxNodeDefinition, index: number): Record<string, unknown> {
  return {
    name: node.name ?? `${node.opType}_${index}`,
    op_type: node.opType,
    domain: node.domain ?? '',
    input: [...node.inputs],
    output: [...node.outputs],
    attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => encodeAttribute(name, value)),
  };
}

/** Encodes a model as ONNX bytes (ir_version 8 unless told otherwise). */
export function buildOnnxModel(model: OnnxModelDefinition): Uint8Array {
  const { graph } = model;
  const message = {
    ir_version: model.irVersion ?? 8,
    producer_name: model.producer ?? '',
    producer_version: model.producerVersion ?? '',
    doc_string: model.docString ?? '',
    opset_import: Object.entries(model.opsets ?? DEFAULT_OPSETS).map(([domain, version]) => ({ domain, version })),
    metadata_props: Object.entries(model.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name ?? 'graph',
      node: graph.nodes.map(encodeNode),
      input: graph.inputs.map(encodeValueInfo),
      output: graph.outputs.map(encodeValueInfo),
      initializer: (graph.initializers ?? []).map((tensor) => {
        if (!tensor.name) throw new TypeError('an initializer needs a name');
        return encodeTensor(tensor);
      }),
    },
  };
  const type = onnxModelType();
  const problem = type.verify(message);
  if (problem) throw new TypeError(`not a valid ONNX model: ${problem}`);
  return type.encode(type.fromObject(message)).finish();
}
