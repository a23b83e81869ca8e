import { ModelError } from '../vetiver/errors.js';
import type { ModelInput, PinwheelModelSpec, TensorDtype } from '../vetiver/modelSpec.js';
import type { CellValue, ModelRow } from './modelSession.js';

/** Tensor contents in the typed arrays onnxruntime-node takes for each dtype (bool as Uint8Array). */
export type InputTensorData = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[];

/** One model input, ready to wrap in an onnxruntime Tensor. */
export interface InputTensor {
  dtype: TensorDtype;
  data: InputTensorData;
  dims: number[];
}

/**
 * Why an input's shape cannot be filled from its columns, or null when it can: Pinwheel packs
 * F columns into [N, F], or one column into [N, 1] or [N].
 */
export function inputShapeProblem(input: ModelInput): string | null {
  const width = input.columns.length;
  const { shape } = input;
  if (shape.length === 1 && width === 1) return null;
  if (shape.length === 2 && shape[1] === width) return null;
  return `input "${input.name}" packs ${width} column${width === 1 ? '' : 's'} (${input.columns.join(', ')}) but its shape is [${shape.join(', ')}]; ` +
    `expected [-1, ${width}]${width === 1 ? ' or [-1]' : ''}`;
}

interface CellContext {
  input: ModelInput;
  column: string;
  nullable: boolean;
  row: number;
  rowCount: number;
}

function where(context: CellContext): string {
  return `Column "${context.column}" in row ${context.row + 1} of ${context.rowCount}`;
}

function missing(context: CellContext): ModelError {
  if (!context.nullable) {
    return new ModelError('inference-failed',
      `${where(context)} has no value, and the model spec does not allow missing values for it (its prototype column is not nullable). Send a value for every row.`);
  }
  return new ModelError('inference-failed',
    `${where(context)} has no value. The column is nullable, but it goes into the model's ${context.input.dtype} input "${context.input.name}", ` +
    'which cannot represent a missing value (only float inputs take NaN). Send a value for every row.');
}

/** A short description of a value that should not be there; rows from a lax caller may hold anything, however large or deep. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  return `${String(value)} (${typeof value})`;
}

function wrongType(context: CellContext, value: unknown, wanted: string): ModelError {
  return new ModelError('inference-failed',
    `${where(context)} is ${describeValue(value)}, but the model's ${context.input.dtype} input "${context.input.name}" takes ${wanted}.`);
}

function floatValue(value: CellValue, context: CellContext): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) {
    if (context.nullable) return Number.NaN;
    throw missing(context);
  }
  throw wrongType(context, value, 'numbers or booleans');
}

function integerValue(value: CellValue, context: CellContext, min: number, max: number): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) throw missing(context);
  if (typeof value !== 'number') throw wrongType(context, value, 'whole numbers');
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ModelError('inference-failed',
      `${where(context)} is ${value}, which the model's ${context.input.dtype} input "${context.input.name}" cannot take exactly: ` +
      `it needs a whole number from ${min} to ${max}.`);
  }
  return value;
}

function boolValue(value: CellValue, context: CellContext): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === 0 || value === 1) return value;
  if (value === null) throw missing(context);
  throw wrongType(context, value, 'true or false');
}

function stringValue(value: CellValue, context: CellContext): string {
  if (typeof value === 'string') return value;
  if (value === null) throw missing(context);
  throw wrongType(context, value, 'text');
}

function newData(dtype: TensorDtype, size: number): InputTensorData {
  switch (dtype) {
    case 'float32': return new Float32Array(size);
    case 'float64': return new Float64Array(size);
    case 'int64': return new BigInt64Array(size);
    case 'int32': return new Int32Array(size);
    case 'bool': return new Uint8Array(size);
    case 'string': return new Array<string>(size);
  }
}

function fillInput(input: ModelInput, rows: readonly ModelRow[], nullableColumns: ReadonlySet<string>): InputTensor {
  const width = input.columns.length;
  const rowCount = rows.length;
  const data = newData(input.dtype, rowCount * width);
  for (let c = 0; c < width; c++) {
    const column = input.columns[c]!;
    const context: CellContext = { input, column, nullable: nullableColumns.has(column), row: 0, rowCount };
    // One loop per dtype with the common case inline: this runs once per cell of every request.
    // An absent key is a missing value, like null.
    switch (input.dtype) {
      case 'float32': case 'float64': {
        const out = data as Float32Array | Float64Array;
        for (let r = 0; r < rowCount; r++) {
          const value = rows[r]![column];
          if (typeof value === 'number') out[r * width + c] = value;
          else { context.row = r; out[r * width + c] = floatValue(value ?? null, context); }
        }
        break;
      }
      case 'bool': {
        const out = data as Uint8Array;
        for (let r = 0; r < rowCount; r++) {
          const value = rows[r]![column];
          if (typeof value === 'boolean') out[r * width + c] = value ? 1 : 0;
          else { context.row = r; out[r * width + c] = boolValue(value ?? null, context); }
        }
        break;
      }
      case 'int64': {
        const out = data as BigInt64Array;
        for (let r = 0; r < rowCount; r++) {
          context.row = r;
          out[r * width + c] = BigInt(integerValue(rows[r]![column] ?? null, context, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
        }
        break;
      }
      case 'int32': {
        const out = data as Int32Array;
        for (let r = 0; r < rowCount; r++) {
          context.row = r;
          out[r * width + c] = integerValue(rows[r]![column] ?? null, context, -(2 ** 31), 2 ** 31 - 1);
        }
        break;
      }
      case 'string': {
        const out = data as string[];
        for (let r = 0; r < rowCount; r++) {
          context.row = r;
          out[r * width + c] = stringValue(rows[r]![column] ?? null, context);
        }
        break;
      }
    }
  }
  return { dtype: input.dtype, data, dims: input.shape.length === 1 ? [rowCount] : [rowCount, width] };
}

/** The model's input tensors for a batch of validated rows, one per `spec.inputs` entry. */
export function tensorsFromRows(rows: readonly ModelRow[], spec: PinwheelModelSpec): Record<string, InputTensor> {
  const nullableColumns = new Set(spec.prototype.filter((column) => column.nullable === true).map((column) => column.name));
  const tensors: Record<string, InputTensor> = {};
  for (const input of spec.inputs) tensors[input.name] = fillInput(input, rows, nullableColumns);
  return tensors;
}
