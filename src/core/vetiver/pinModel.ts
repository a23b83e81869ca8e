// Pinning an ONNX model as a model pin (../shared/design/model-pins.md): a `file` pin holding
// `<name>.onnx` byte for byte, with `user.pinwheel` (everything the server needs) and
// `user.vetiver_meta` (what vetiver-python readers look for).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { specOutputsFromModel } from '../inference/specOutputsFromModel.js';
import { describeOnnxModel, NotAnOnnxModelError, readOnnxModelInfo, type OnnxModelInfo } from '../onnx/index.js';
import { checkPinName, PinsError, type Board, type Table, type WriteResult } from '../pins/index.js';
import { ModelError } from './errors.js';
import { pythonExportAdvice } from './exportAdvice.js';
import { mapModelInputs, type InputMappingOptions } from './inputMapping.js';
import { PINWHEEL_USER_KEY, pinwheelModelSpecSchema, type PinwheelModelSpec } from './modelSpec.js';
import { sampleFromTable, type DataSample } from './prototypeFromData.js';
import { installedOnnxRuntimeVersion } from './runtimeVersion.js';
import { vetiverPrototypeJson } from './vetiverMeta.js';

export interface PinModelOptions {
  /** The ONNX model: its bytes, or the path of a .onnx file. */
  model: Uint8Array | string;
  name: string;
  /** A sample of the data the model was trained on; the prototype is built from it. */
  prototype: Table;
  /** Names the sample in messages, e.g. "ads.csv" (default "the prototype data"). */
  prototypeSource?: string;
  /** The columns of a one-tensor model, in tensor order. */
  features?: readonly string[];
  /** Sample columns that are not model inputs (the outcome, IDs). */
  exclude?: readonly string[];
  title?: string;
  description?: string;
  /** The user's own metadata, stored as `user.user` (as vetiver-python keeps it). */
  metadata?: Record<string, unknown>;
  versioned?: boolean;
  /** Write even when the model file equals the latest version's. */
  forceIdentical?: boolean;
  /** Creation time of the version (data.txt and the version name); defaults to now. */
  created?: Date;
  /** Cancels the pinning until the version becomes visible (see WriteOptions.signal). */
  signal?: AbortSignal;
}

export interface PinModelResult extends WriteResult {
  spec: PinwheelModelSpec;
  /** What the user should know about how the sample became the prototype. */
  notes: string[];
}

/** The error for a file that is not ONNX, with a guess at what it is instead. */
export function notOnnxError(what: string, bytes: Uint8Array, reason: string): ModelError {
  const head = bytes.subarray(0, 4);
  let guess = '';
  if (head[0] === 0x80 && (head[1] ?? 0) <= 5) guess = 'It looks like a Python pickle (joblib or pickle).';
  else if (head[0] === 0x1f && head[1] === 0x8b) guess = 'It looks like a gzip file, such as an R rds file or a compressed joblib.';
  else if (head[0] === 0x50 && head[1] === 0x4b) guess = 'It looks like a zip archive, such as a PyTorch .pt or a Keras file.';
  const advice = guess
    ? `${guess} Pinwheel serves ONNX models. ${pythonExportAdvice().join(' ')}`
    : 'Export the model to ONNX first (skl2onnx, onnxmltools or torch.onnx.export) and pass the .onnx file.';
  const detail = reason.replace(/^it is not an ONNX model\s*/, '').replace(/^\((.*)\)$/, '$1');
  return new ModelError('not-onnx', `${what} is not an ONNX model${detail ? ` (it cannot be decoded as one: ${detail})` : ''}. ${advice}`);
}

/** Decodes an ONNX file, turning a decode failure into ModelError('not-onnx') about `what`. */
export function readModelInfo(bytes: Uint8Array, what: string): OnnxModelInfo {
  try {
    return readOnnxModelInfo(bytes);
  } catch (error) {
    if (error instanceof NotAnOnnxModelError) throw notOnnxError(what, bytes, error.message);
    throw error;
  }
}

/** Dotted key path of a zod issue, e.g. `user.pinwheel.prototype[0].type`. */
export function keyPath(prefix: string, issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), prefix);
}

/**
 * The `user.pinwheel` spec for a model and a data sample: inputs from the mapping, outputs and
 * task from the model's outputs, the ONNX and onnxruntime versions. Validated before it is returned.
 */
export function buildModelSpec(info: OnnxModelInfo, sample: DataSample, options: InputMappingOptions = {}): { spec: PinwheelModelSpec; notes: string[] } {
  const mapping = mapModelInputs(info, sample, options);
  const { task, outputs } = specOutputsFromModel(info);
  const runtime = installedOnnxRuntimeVersion();
  const notes = [...sample.notes, ...mapping.notes];
  if (runtime === null) notes.push('onnxruntime-node is not installed here, so the runtime version is recorded as "unknown".');
  const candidate = {
    schema_version: 1,
    kind: 'onnx-model',
    task,
    prototype: mapping.prototype,
    inputs: mapping.inputs,
    outputs,
    onnx: { ir_version: info.irVersion, opset: info.opsets, producer: info.producer, producer_version: info.producerVersion },
    runtime: { onnxruntime: runtime ?? 'unknown' },
  };
  const checked = pinwheelModelSpecSchema.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ModelError('invalid-model-metadata', `The model metadata Pinwheel built is not valid at ${keyPath(`user.${PINWHEEL_USER_KEY}`, issue?.path ?? [])}: ${issue?.message ?? 'unknown problem'}. Check the model's inputs and outputs and the prototype sample.`);
  }
  return { spec: checked.data, notes };
}

/** `user` of a model pin's data.txt, in the order model-pins.md shows. */
export function modelPinUser(spec: PinwheelModelSpec, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    user: metadata,
    vetiver_meta: { prototype: vetiverPrototypeJson(spec.prototype), required_pkgs: ['onnxruntime'], python_version: null },
    [PINWHEEL_USER_KEY]: spec,
  };
}

async function modelBytes(model: Uint8Array | string, name: string): Promise<{ bytes: Uint8Array; what: string }> {
  if (typeof model !== 'string') return { bytes: model, what: `The model given for pin "${name}"` };
  const bytes = await readFile(model).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'the file does not exist' : error.code === 'EISDIR' ? 'it is a folder, not a file' : error.message;
    throw new PinsError('invalid-argument', `Cannot pin the model file "${model}" as "${name}": ${why}. Pass the path of an .onnx file.`, { cause: error });
  });
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), what: `The file "${model}"` };
}

/**
 * Pins an ONNX model with its prototype as a new version of `name`: a `file` pin holding
 * `<name>.onnx` byte for byte. Throws ModelError 'not-onnx' for a file that is not ONNX,
 * 'prototype-mismatch' / 'invalid-prototype' when the sample does not fit the model's inputs,
 * and PinsError for board problems.
 */
export async function pinModel(board: Board, options: PinModelOptions): Promise<PinModelResult> {
  const name = checkPinName(options.name);
  const { bytes, what } = await modelBytes(options.model, name);
  const info = readModelInfo(bytes, what);
  const sample = sampleFromTable(options.prototype, options.prototypeSource ?? 'the prototype data');
  const mappingOptions: InputMappingOptions = {};
  if (options.features !== undefined) mappingOptions.features = options.features;
  if (options.exclude !== undefined) mappingOptions.exclude = options.exclude;
  const { spec, notes } = buildModelSpec(info, sample, mappingOptions);

  // board.upload stores a file byte for byte under its own base name: give it `<name>.onnx`.
  const staging = await mkdtemp(path.join(os.tmpdir(), 'pinwheel-model-'));
  try {
    const file = path.join(staging, `${name}.onnx`);
    await writeFile(file, bytes);
    const result = await board.upload([file], {
      name,
      title: options.title ?? `${name}: a pinned ONNX model`,
      description: options.description ?? describeOnnxModel(info),
      metadata: modelPinUser(spec, options.metadata),
      ...(options.versioned === undefined ? {} : { versioned: options.versioned }),
      ...(options.forceIdentical === undefined ? {} : { forceIdentical: options.forceIdentical }),
      ...(options.created === undefined ? {} : { created: options.created }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { ...result, spec, notes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
