// How the columns of a request row become the tensors an ONNX model takes (`inputs` of the
// model-pin spec). Two shapes of model occur in practice:
//  (a) one tensor input [N, F]: F columns packed side by side, in an order only the exporter
//      knew (skl2onnx from a numpy array, the ads forest): the columns must be named explicitly
//      (features), by the model's metadata_props, or be exactly the sample's columns;
//  (b) one input per column, [N, 1] or [N] (skl2onnx from a DataFrame with a ColumnTransformer):
//      matched by name.
// The server never guesses: whatever is decided here is written into the pin.
import type { OnnxModelInfo, OnnxValueInfo } from '../onnx/index.js';
import { ModelError } from './errors.js';
import { TENSOR_DTYPES, type ModelInput, type PrototypeColumn, type TensorDtype } from './modelSpec.js';
import { untypedColumnError, type DataSample } from './prototypeFromData.js';

export interface InputMappingOptions {
  /** The columns of a one-tensor model, in tensor order. */
  features?: readonly string[];
  /** How `features` was given, for messages (default "--features"). */
  featuresFrom?: string;
  /** Sample columns the model does not take (the outcome, IDs). */
  exclude?: readonly string[];
}

export interface InputMapping {
  inputs: ModelInput[];
  /** Only the columns the model uses, in input order. */
  prototype: PrototypeColumn[];
  notes: string[];
}

type ModelInputs = Pick<OnnxModelInfo, 'inputs' | 'metadata'>;

/** metadata_props keys exporters use for the feature names of a one-tensor model. */
const FEATURE_METADATA_KEYS = ['features', 'feature_names'];

const DTYPE_WORDS: Record<TensorDtype, string> = {
  float32: 'numbers (float32)',
  float64: 'numbers (float64)',
  int64: 'whole numbers (int64)',
  int32: 'whole numbers (int32)',
  bool: 'true/false values (bool)',
  string: 'text (string)',
};

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}

/** -1 for a batch or unknown dimension, as the spec writes shapes. */
function specShape(shape: OnnxValueInfo['shape']): number[] {
  return (shape ?? []).map((dim) => (typeof dim === 'number' && dim >= 0 ? dim : -1));
}

function describeShape(input: OnnxValueInfo): string {
  return `[${(input.shape ?? []).map((dim) => (typeof dim === 'number' ? String(dim) : 'N')).join(', ')}]`;
}

/** The column count of a 2-D input, null when the file leaves it open; 1 for a 1-D input. */
function widthOf(input: OnnxValueInfo): number | null {
  const shape = input.shape;
  if (shape === null) return null;
  if (shape.length === 1) return 1;
  const width = shape[1];
  return typeof width === 'number' ? width : null;
}

function checkInputKind(input: OnnxValueInfo): TensorDtype {
  if (input.kind !== 'tensor') {
    throw new ModelError('prototype-mismatch', `The model's input "${input.name}" is a ${input.kind}, not a tensor; Pinwheel feeds models tensors of table columns. Export the model with tensor inputs (skl2onnx does by default).`);
  }
  const dtype = input.dtype;
  if (dtype === null || !(TENSOR_DTYPES as readonly string[]).includes(dtype)) {
    throw new ModelError('prototype-mismatch', `The model's input "${input.name}" takes ${dtype ?? 'values of an undeclared type'}, which Pinwheel cannot make from table columns (it feeds ${TENSOR_DTYPES.join(', ')}). Export the model with float32, float64, int64, bool or string inputs.`);
  }
  const shape = input.shape;
  if (shape !== null && (shape.length === 0 || shape.length > 2)) {
    throw new ModelError('prototype-mismatch', `The model's input "${input.name}" has the shape ${describeShape(input)}; Pinwheel feeds rows of table columns, so it needs [N, F] (F columns) or [N] / [N, 1] (one column). Export the model from tabular data.`);
  }
  return dtype as TensorDtype;
}

/** Why `column` cannot feed a `dtype` tensor, with the fix; null when it can. */
function incompatibility(column: PrototypeColumn, dtype: TensorDtype, input: string, source: string, wholeNumbers: boolean): string | null {
  const holds = `Column "${column.name}" of ${source} holds`;
  const takes = `input "${input}" takes ${DTYPE_WORDS[dtype]}`;
  switch (column.type) {
    case 'string':
      if (dtype === 'string') return null;
      return `${holds} text (such as ${JSON.stringify(column.example)}), but ${takes}. Convert the column to ${dtype === 'bool' ? 'true/false' : 'numbers'} in the sample, or export a model that encodes the text itself (e.g. with a OneHotEncoder in the pipeline).`;
    case 'boolean':
      if (dtype === 'bool' || dtype === 'float32' || dtype === 'float64') return null;
      return `${holds} true/false values, but ${takes}. Give the column as ${dtype === 'string' ? 'text' : '0/1 whole numbers'} in the sample, or export the model with a bool or float input.`;
    case 'integer':
      if (dtype !== 'bool' && dtype !== 'string') return null;
      return `${holds} whole numbers (such as ${String(column.example)}), but ${takes}. Give the column as ${dtype === 'bool' ? 'true/false values' : 'text'} in the sample, or check that this column really is a model input.`;
    case 'number':
      if (dtype === 'float32' || dtype === 'float64') return null;
      if ((dtype === 'int64' || dtype === 'int32') && wholeNumbers) return null;
      if (dtype === 'int64' || dtype === 'int32') {
        return `${holds} numbers with fractions (such as ${String(column.example)}), but ${takes}, which would cut them off. Round the column in the sample if whole numbers are meant, or export the model with a float input.`;
      }
      return `${holds} numbers (such as ${String(column.example)}), but ${takes}. Give the column as ${dtype === 'bool' ? 'true/false values' : 'text'} in the sample, or check that this column really is a model input.`;
  }
}

/** metadata_props feature names: a JSON list or comma-separated text. */
export function featuresFromMetadata(metadata: Record<string, string>): { key: string; features: string[] } | null {
  for (const key of FEATURE_METADATA_KEYS) {
    const text = metadata[key];
    if (text === undefined || text.trim() === '') continue;
    let features: unknown;
    try {
      features = JSON.parse(text);
    } catch {
      features = text.split(',').map((part) => part.trim());
    }
    if (Array.isArray(features) && features.length > 0 && features.every((name) => typeof name === 'string' && name !== '')) {
      return { key, features: features as string[] };
    }
  }
  return null;
}

class Mapper {
  private readonly typed: Map<string, PrototypeColumn>;
  private readonly untyped: Map<string, DataSample['untyped'][number]>;
  private readonly wholeNumbers: Set<string>;
  /** Sample columns in order, excluded ones removed. */
  readonly available: string[];
  readonly notes: string[] = [];

  constructor(
    private readonly sample: DataSample,
    exclude: readonly string[],
  ) {
    this.typed = new Map(sample.prototype.map((column) => [column.name, column]));
    this.untyped = new Map(sample.untyped.map((column) => [column.name, column]));
    this.wholeNumbers = new Set(sample.wholeNumberColumns);
    const all = this.allColumns();
    for (const name of exclude) {
      if (!all.includes(name)) {
        throw new ModelError('prototype-mismatch', `--exclude names the column "${name}", which ${sample.source} does not have. Its columns are: ${list(all)}. Check the spelling (names are case-sensitive).`);
      }
    }
    this.available = all.filter((name) => !exclude.includes(name));
  }

  /** Every sample column, typed or not, in the sample's order. */
  allColumns(): string[] {
    return this.sample.columns;
  }

  has(name: string): boolean {
    return this.typed.has(name) || this.untyped.has(name);
  }

  /** The prototype column for `name` fed to `input`, checked against its dtype. */
  column(name: string, input: string, dtype: TensorDtype, fix: string): PrototypeColumn {
    const untyped = this.untyped.get(name);
    if (untyped) throw untypedColumnError(this.sample.source, untyped, fix);
    let column = this.typed.get(name);
    if (!column) throw new Error(`column ${name} missing from the sample`);
    if (dtype === 'bool' && (column.type === 'integer' || column.type === 'number') && this.sample.zeroOneColumns?.includes(name)) {
      // pandas dummies and R's 0/1 flags: a yes/no column written as numbers.
      this.notes.push(`Column "${name}" of ${this.sample.source} holds only 0 and 1, and input "${input}" takes true/false values: it is a true/false column in the prototype (requests may still send 0 and 1).`);
      column = { ...column, type: 'boolean', example: column.example === 1 };
    }
    const problem = incompatibility(column, dtype, input, this.sample.source, this.wholeNumbers.has(name));
    if (problem !== null) throw new ModelError('prototype-mismatch', problem);
    if (column.nullable && dtype !== 'float32' && dtype !== 'float64') {
      // Missing values reach a model as NaN, which only float tensors have.
      this.notes.push(`Column "${name}" has missing values in ${this.sample.source}, but input "${input}" takes ${DTYPE_WORDS[dtype]}, which have no missing value: requests must give it a value.`);
      const { nullable: _nullable, ...required } = column;
      return required;
    }
    return { ...column };
  }

  noteUnused(used: readonly string[]): void {
    const unused = this.available.filter((name) => !used.includes(name));
    if (unused.length > 0) {
      this.notes.push(`${unused.length === 1 ? 'Column' : 'Columns'} ${list(unused)} of ${this.sample.source} ${unused.length === 1 ? 'is not a model input and was' : 'are not model inputs and were'} left out of the prototype.`);
    }
  }

  /** The suggestion for a one-tensor model whose columns are not named. */
  suggestion(width: number, dtype: TensorDtype): string {
    const fits = this.available.filter((name) => {
      const column = this.typed.get(name);
      return column !== undefined && incompatibility(column, dtype, '', '', this.wholeNumbers.has(name)) === null;
    });
    if (fits.length === width) {
      const misfits = this.available.filter((name) => !fits.includes(name));
      const exclude = misfits.length > 0 ? `, or leave out the other column${misfits.length === 1 ? '' : 's'} with --exclude ${misfits.join(',')}` : '';
      return `Say which columns feed the model, in the order it was trained on: --features ${fits.join(',')}${exclude}.`;
    }
    // The types do not tell the features apart: any concrete list would be a guess, and a wrong
    // guess pins a model that predicts nonsense without an error. Ask instead.
    return `Say which ${width} columns feed the model, in the order it was trained on, with --features a,b,… (the names from your training code), ` +
      'or leave out the outcome, IDs and other non-input columns with --exclude.';
  }
}

function checkNamesExist(mapper: Mapper, names: readonly string[], from: string, source: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ModelError('prototype-mismatch', `${from} lists the column "${name}" twice; each column feeds the model once. Remove the repeat.`);
    seen.add(name);
    if (!mapper.has(name)) {
      throw new ModelError('prototype-mismatch', `${from} names the column "${name}", which ${source} does not have. Its columns are: ${list(mapper.allColumns())}. Check the spelling (names are case-sensitive), or give a sample that has this column.`);
    }
  }
}

/** (a): one tensor of several columns. */
function mapOneTensor(model: ModelInputs, input: OnnxValueInfo, dtype: TensorDtype, mapper: Mapper, sample: DataSample, options: InputMappingOptions): InputMapping {
  const width = widthOf(input);
  const fromMetadata = featuresFromMetadata(model.metadata);
  let chosen: string[];
  let from: string;
  if (options.features !== undefined) {
    from = options.featuresFrom ?? '--features';
    chosen = [...options.features];
  } else if (fromMetadata) {
    from = `The model's metadata_props "${fromMetadata.key}"`;
    chosen = fromMetadata.features;
  } else {
    from = '';
    chosen = mapper.available;
  }
  const describe = `The model's input "${input.name}" takes ${width === null ? 'several columns' : `${width} column${width === 1 ? '' : 's'}`} (${describeShape(input)}, ${dtype})`;
  if (from === '') {
    if (width !== null && chosen.length !== width) {
      const has = `${sample.source} has ${chosen.length} ${options.exclude?.length ? 'remaining ' : ''}column${chosen.length === 1 ? '' : 's'}: ${list(chosen)}.`;
      const fix = chosen.length > width
        ? mapper.suggestion(width, dtype)
        : `Give a sample that has all ${width} of the model's feature columns${options.exclude?.length ? ', or exclude fewer columns' : ''}.`;
      throw new ModelError('prototype-mismatch', `${describe}, but ${has} ${fix}`);
    }
    if (width !== null && chosen.length > 1) {
      // Nothing in the file says which column is which: a wrong order would give wrong predictions silently.
      mapper.notes.push(`The model file does not name its features, so the columns are fed in the sample's order: ${list(chosen)}. If the model was trained on them in another order, pass --features in the training order.`);
    }
    if (width === null && chosen.length > 1) {
      mapper.notes.push(`The model does not say how many columns input "${input.name}" takes; all ${chosen.length} columns of ${sample.source} (${list(chosen)}) are used, in that order. Pass --features to choose them.`);
    }
  } else {
    checkNamesExist(mapper, chosen, from, sample.source);
    if (width !== null && chosen.length !== width) {
      throw new ModelError('prototype-mismatch', `${describe}, but ${from} lists ${chosen.length}: ${list(chosen)}. List exactly the ${width} columns the model was trained on, in its order.`);
    }
  }
  if (chosen.length === 0) {
    throw new ModelError('prototype-mismatch', `${describe}, but no columns of ${sample.source} are left to feed it (${list(mapper.allColumns())}, all excluded). Exclude fewer columns.`);
  }
  const prototype = chosen.map((name) => mapper.column(name, input.name, dtype, `Fix the column in the sample, or choose the model's columns with --features if "${name}" is not one of them.`));
  mapper.noteUnused(chosen);
  return { inputs: [{ name: input.name, dtype, shape: specShape(input.shape), columns: chosen }], prototype, notes: mapper.notes };
}

/** (b): one input per column, matched by name. */
function mapPerColumn(inputs: { input: OnnxValueInfo; dtype: TensorDtype }[], mapper: Mapper, sample: DataSample, options: InputMappingOptions): InputMapping {
  if (options.features !== undefined) {
    throw new ModelError('prototype-mismatch', `${options.featuresFrom ?? '--features'} applies to a model with one input tensor, but this model has ${inputs.length} inputs (${list(inputs.map((i) => i.input.name))}), each fed by the sample column of the same name. Leave out --features.`);
  }
  for (const { input } of inputs) {
    const width = widthOf(input);
    if (width !== null && width !== 1) {
      throw new ModelError('prototype-mismatch', `The model has ${inputs.length} inputs, and input "${input.name}" takes ${width} columns at once (${describeShape(input)}). Pinwheel maps a model with several inputs one column per input, by name. Export the model with one input per column (skl2onnx does this for a DataFrame) or with a single [N, F] input.`);
    }
  }
  const missing = inputs.map(({ input }) => input.name).filter((name) => !mapper.available.includes(name));
  if (missing.length > 0) {
    const excluded = missing.filter((name) => mapper.has(name));
    const fix = excluded.length > 0
      ? `Do not --exclude ${list(excluded)}: the model takes ${excluded.length === 1 ? 'it' : 'them'}.`
      : `Give a sample with a column named like each model input (names are case-sensitive).`;
    throw new ModelError('prototype-mismatch', `The model takes one input per column, matched by name, but ${sample.source} has no column for the input${missing.length === 1 ? '' : 's'} ${list(missing)}. Its columns are: ${list(mapper.available)}. ${fix}`);
  }
  const prototype = inputs.map(({ input, dtype }) => mapper.column(input.name, input.name, dtype, `Fix the column "${input.name}" in the sample: the model takes it.`));
  mapper.noteUnused(prototype.map((column) => column.name));
  return {
    inputs: inputs.map(({ input, dtype }) => ({ name: input.name, dtype, shape: specShape(input.shape), columns: [input.name] })),
    prototype,
    notes: mapper.notes,
  };
}

/**
 * The spec's `inputs` and the final prototype (only the columns the model uses, in input order)
 * from the model's declared inputs and a data sample. Throws ModelError 'prototype-mismatch'
 * (or 'invalid-prototype' for an untyped column the model needs) saying what does not fit and
 * which option fixes it.
 */
export function mapModelInputs(model: ModelInputs, sample: DataSample, options: InputMappingOptions = {}): InputMapping {
  if (model.inputs.length === 0) {
    throw new ModelError('not-onnx', 'The ONNX model declares no inputs, so there is nothing to feed it. Export the model with its input tensors (e.g. skl2onnx `to_onnx(model, X[:1])`).');
  }
  const checked = model.inputs.map((input) => ({ input, dtype: checkInputKind(input) }));
  const mapper = new Mapper(sample, options.exclude ?? []);
  const only = checked.length === 1 ? checked[0] : undefined;
  if (only) {
    // A single one-column input named like a sample column is that column, whatever the order.
    const oneColumn = widthOf(only.input) === 1;
    if (oneColumn && options.features === undefined && mapper.available.includes(only.input.name)) {
      return mapPerColumn(checked, mapper, sample, options);
    }
    return mapOneTensor(model, only.input, only.dtype, mapper, sample, options);
  }
  return mapPerColumn(checked, mapper, sample, options);
}
