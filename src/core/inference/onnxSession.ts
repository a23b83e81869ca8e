import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { NotAnOnnxModelError, readOnnxModelInfo, type OnnxModelInfo, type OnnxValueInfo } from '../onnx/onnxModelInfo.js';
import type { OnnxDtype } from '../onnx/onnxSchema.js';
import { ModelError } from '../vetiver/errors.js';
import type { PinwheelModelSpec } from '../vetiver/modelSpec.js';
import type { ModelRow, ModelSession, PredictionResult } from './modelSession.js';
import { fetchedOutputs, predictionsFromOutputs } from './predictionsFromOutputs.js';
import { checkSpecAgainstModel } from './specAgainstModel.js';
import { tensorsFromRows } from './tensorsFromRows.js';
import { exposeZipMapInputs } from './zipMapOutputs.js';

type OnnxRuntime = typeof import('onnxruntime-node');

export interface ModelSessionOptions {
  /** Threads one prediction may use (onnxruntime's intra-op pool). Default 1: on a 2-core machine more threads made it slower and noisier. */
  threads?: number;
}

let runtime: Promise<OnnxRuntime> | undefined;

/** onnxruntime-node's native library is loaded on first use, so processes that never serve a model don't pay for it. */
function loadRuntime(): Promise<OnnxRuntime> {
  // onnxruntime-node 1.30 on Linux starts Microsoft's usage telemetry with the first session
  // (files in the temp folder, code to upload usage data). Off unless the user turned it on.
  process.env.ORT_DISABLE_TELEMETRY ??= '1';
  runtime ??= import('onnxruntime-node').catch((error: unknown) => {
    runtime = undefined;
    throw new ModelError('model-load-failed',
      `The ONNX runtime (onnxruntime-node) could not be loaded on this machine: ${messageOf(error)}. Reinstall Pinwheel's dependencies (npm install).`,
      { cause: error });
  });
  return runtime;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}

/** onnxruntime's message without the C++ source location and function signature it starts with. */
function runtimeMessage(error: unknown): string {
  return messageOf(error).replace(/^\S+:\d+ [^(]*\([^)]*\) /, '');
}

function loadFailure(error: unknown): ModelError {
  const detail = runtimeMessage(error);
  const operator = /No Op registered for (\S+) with domain_version of (\d+)/.exec(detail);
  if (operator) {
    return new ModelError('model-load-failed',
      `The model uses the operator ${operator[1]} (opset ${operator[2]}), which this onnxruntime does not implement. ` +
      'Export it with another target opset, or replace the step that produces it.', { cause: error });
  }
  if (/protobuf parsing failed|failed to load model/i.test(detail) && !/opset|version/i.test(detail)) {
    return new ModelError('model-load-failed',
      `The model file is damaged or is not an ONNX model: onnxruntime could not read it (${detail}). Export the model again and pin the new file.`,
      { cause: error });
  }
  if (/opset|ir_version|ir version|unsupported model ir/i.test(detail)) {
    return new ModelError('model-load-failed',
      `The model needs an ONNX version this runtime does not support (${detail}). Export it with a lower target opset (e.g. skl2onnx's target_opset) or upgrade onnxruntime.`,
      { cause: error });
  }
  return new ModelError('model-load-failed', `onnxruntime could not load the model: ${detail}`, { cause: error });
}

function runFailure(error: unknown): ModelError {
  const detail = runtimeMessage(error);
  const dtype = /Unexpected input data type\. Actual: \((.*?)\)\s*,\s*expected: \((.*?)\)/.exec(detail);
  if (dtype) {
    return new ModelError('prototype-mismatch',
      `The model expects ${dtype[2]} but was given ${dtype[1]}: the input dtype in the model spec (user.pinwheel.inputs) does not match the model.`,
      { cause: error });
  }
  const dims = /invalid dimensions for input: (\S+)/.exec(detail);
  if (dims) {
    return new ModelError('prototype-mismatch',
      `The model expects a different shape for its input ${dims[1]} (${detail}): the columns packed into it in the model spec do not match the model.`,
      { cause: error });
  }
  const node = /while running (\S+) node\. Name:'([^']*)' Status Message: (?:\S+:\d+ \S+ )?(.*)/s.exec(detail);
  if (node) {
    return new ModelError('inference-failed',
      `The model failed to run on these rows: its ${node[1]} step ("${node[2]}") stopped with "${node[3]!.trim()}".`, { cause: error });
  }
  return new ModelError('inference-failed', `The model failed to run on these rows: ${detail}`, { cause: error });
}

function readInfo(modelBytes: Uint8Array): OnnxModelInfo {
  try {
    return readOnnxModelInfo(modelBytes);
  } catch (error) {
    if (error instanceof NotAnOnnxModelError) {
      const reason = /\((.*)\)$/.exec(error.message)?.[1] ?? error.message;
      throw new ModelError('model-load-failed',
        `The model file is damaged or is not an ONNX model (${reason}). Export the model again and pin the new file.`, { cause: error });
    }
    throw error;
  }
}

/** The model's inputs and outputs as onnxruntime reports them, in readOnnxModelInfo's terms. */
function declaredBySession(session: InferenceSession): Pick<OnnxModelInfo, 'inputs' | 'outputs' | 'zipMaps'> {
  const describe = (value: InferenceSession.ValueMetadata): OnnxValueInfo => value.isTensor
    ? { name: value.name, kind: 'tensor', dtype: value.type as OnnxDtype, shape: value.shape.map((dim) => (dim === '' ? null : dim)) }
    : { name: value.name, kind: 'unknown', dtype: null, shape: null };
  return { inputs: session.inputMetadata.map(describe), outputs: session.outputMetadata.map(describe), zipMaps: [] };
}

class OnnxModelSession implements ModelSession {
  private readonly running = new Set<Promise<unknown>>();
  private disposed: Promise<void> | undefined;
  private readonly fetches: string[];

  constructor(
    readonly spec: PinwheelModelSpec,
    private readonly ort: OnnxRuntime,
    private readonly session: InferenceSession,
  ) {
    this.fetches = fetchedOutputs(spec).map((output) => output.name);
  }

  async predict(rows: readonly ModelRow[]): Promise<PredictionResult> {
    if (this.disposed) throw new ModelError('inference-failed', 'This model session has been closed; load the model again to predict.');
    if (rows.length === 0) return predictionsFromOutputs(this.emptyOutputs(), this.spec, 0);
    const feeds: Record<string, Tensor> = {};
    for (const [name, tensor] of Object.entries(tensorsFromRows(rows, this.spec))) {
      feeds[name] = new this.ort.Tensor(tensor.dtype, tensor.data, tensor.dims);
    }
    // Only tensors are fetched: a ZipMap's own output would make run() throw.
    const run = this.session.run(feeds, this.fetches);
    this.running.add(run);
    try {
      return predictionsFromOutputs(await run, this.spec, rows.length);
    } catch (error) {
      if (error instanceof ModelError) throw error;
      throw runFailure(error);
    } finally {
      this.running.delete(run);
    }
  }

  /** No rows, no run: onnxruntime is not asked to handle empty batches, which some operators reject. */
  private emptyOutputs(): Record<string, { data: number[]; dims: number[] }> {
    return Object.fromEntries(fetchedOutputs(this.spec).map((output) => {
      const dims = output.role === 'probabilities' ? [0, output.classes?.length ?? 0] : [0];
      return [output.name, { data: [], dims }];
    }));
  }

  dispose(): Promise<void> {
    // Predictions already running finish first: releasing under them would crash the native session.
    this.disposed ??= Promise.allSettled([...this.running]).then(() => this.session.release());
    return this.disposed;
  }
}

/**
 * Loads an ONNX model for serving with the column-to-tensor mapping of its `user.pinwheel`
 * spec. The session is meant to be created once and shared: predict() may run concurrently.
 */
export async function openModelSession(
  modelBytes: Uint8Array,
  spec: PinwheelModelSpec,
  options: ModelSessionOptions = {},
): Promise<ModelSession> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a whole number of at least 1, got ${threads}`);
  // Decoding the ONNX file costs ~45 ms on a cold start; onnxruntime's own metadata is enough
  // to check the spec unless a ZipMap's input must be exposed (which needs the graph).
  const needsGraph = spec.outputs.some((output) => output.zipmap_output !== undefined);
  let servedBytes = modelBytes;
  if (needsGraph) {
    const info = readInfo(modelBytes);
    checkSpecAgainstModel(spec, info);
    servedBytes = exposeZipMapInputs(modelBytes, info, spec.outputs);
  }
  const ort = await loadRuntime();
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(servedBytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // Silent: every failure reaches the caller as a ModelError; onnxruntime's own log lines would repeat it on stderr.
      logSeverityLevel: 4,
    });
  } catch (error) {
    throw loadFailure(error);
  }
  if (!needsGraph) {
    try {
      checkSpecAgainstModel(spec, declaredBySession(session));
    } catch (error) {
      await session.release();
      // The decoded graph gives the same verdict with more to say (e.g. where a ZipMap's tensor is).
      checkSpecAgainstModel(spec, readInfo(modelBytes));
      throw error;
    }
  }
  return new OnnxModelSession(spec, ort, session);
}
