import { ModelError } from '../vetiver/errors.js';
import type { ModelOutput, PinwheelModelSpec } from '../vetiver/modelSpec.js';
import type { PredictionResult } from './modelSession.js';

/** What Pinwheel reads of an onnxruntime output Tensor. */
export interface OutputTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}

/** The outputs predict() fetches: 'other' outputs are described in the spec but not returned. */
export function fetchedOutputs(spec: PinwheelModelSpec): ModelOutput[] {
  return spec.outputs.filter((output) => output.role !== 'other');
}

/** Plain JSON-safe values: int64 arrives as BigInt, which JSON.stringify refuses. */
function plainValues(name: string, data: unknown): (number | string)[] {
  if (Array.isArray(data)) return data as string[];
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    // A plain loop: Array.from over a typed array is several times slower on large batches.
    const typed = data as unknown as ArrayLike<number>;
    const values = new Array<number>(typed.length);
    for (let i = 0; i < typed.length; i++) values[i] = typed[i]!;
    return values;
  }
  throw new ModelError('inference-failed', `The model's output "${name}" is not a tensor Pinwheel can read.`);
}

/** Splits an output into one entry per row: a value for [N] and [N, 1], an array for [N, k]. */
function perRow(output: ModelOutput, tensor: OutputTensor, rowCount: number): (number | string | (number | string)[])[] {
  const values = plainValues(output.name, tensor.data);
  if (tensor.dims[0] !== rowCount || values.length % Math.max(rowCount, 1) !== 0) {
    throw new ModelError('inference-failed',
      `The model's output "${output.name}" has shape [${tensor.dims.join(', ')}] for ${rowCount} rows; expected one entry per row.`);
  }
  const width = rowCount === 0 ? 1 : values.length / rowCount;
  if (width === 1) return values;
  return Array.from({ length: rowCount }, (_, row) => values.slice(row * width, (row + 1) * width));
}

function tensorFor(outputs: Readonly<Record<string, OutputTensor>>, output: ModelOutput): OutputTensor {
  const tensor = outputs[output.name];
  if (!tensor) throw new ModelError('inference-failed', `The model did not return its output "${output.name}".`);
  return tensor;
}

/** Turns the fetched output tensors into predictions (and class probabilities) per row. */
export function predictionsFromOutputs(
  outputs: Readonly<Record<string, OutputTensor>>,
  spec: PinwheelModelSpec,
  rowCount: number,
): PredictionResult {
  const main = spec.outputs.find((output) => output.role === 'label' || output.role === 'prediction');
  if (!main) throw new ModelError('prototype-mismatch', 'The model spec has no output with the role "prediction" or "label".');
  const predictions = perRow(main, tensorFor(outputs, main), rowCount).map((value) => {
    if (Array.isArray(value) && value.some((v) => typeof v === 'string')) {
      throw new ModelError('inference-failed', `The model's output "${main.name}" has several text values per row; Pinwheel returns one label per row.`);
    }
    return value as number | string | number[];
  });
  const result: PredictionResult = { predictions };
  const probabilitiesOutput = spec.outputs.find((output) => output.role === 'probabilities');
  if (probabilitiesOutput) {
    const tensor = tensorFor(outputs, probabilitiesOutput);
    const classCount = tensor.dims[1] ?? 1;
    const rows = perRow(probabilitiesOutput, tensor, rowCount);
    result.probabilities = rows.map((row) => (Array.isArray(row) ? row : [row]) as number[]);
    if (probabilitiesOutput.classes) {
      if (probabilitiesOutput.classes.length !== classCount) {
        throw new ModelError('prototype-mismatch',
          `The model returns ${classCount} class probabilities in "${probabilitiesOutput.name}", but the model spec lists ` +
          `${probabilitiesOutput.classes.length} classes (${probabilitiesOutput.classes.join(', ')}).`);
      }
      result.classes = [...probabilitiesOutput.classes];
    }
  }
  return result;
}
