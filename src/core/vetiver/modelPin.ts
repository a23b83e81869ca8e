// One in-memory description for every kind of model pin a board may hold (model-pins.md,
// spec §4.5): Pinwheel's ONNX model pins, plain ONNX file pins, vetiver-python pins (new
// `user.vetiver_meta` and old `user.ptype` layouts) and vetiver-r pins (rds, flat `user`).
// Pickles and R serialisations are described from data.txt alone and never opened.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OnnxModelInfo, OnnxValueInfo } from '../onnx/index.js';
import type { Board, PinMeta } from '../pins/index.js';
import { ModelError } from './errors.js';
import { pythonExportAdvice, rExportAdvice } from './exportAdvice.js';
import { featuresFromMetadata, type InputMappingOptions } from './inputMapping.js';
import { PINWHEEL_USER_KEY, pinwheelModelSpecSchema, type PinwheelModelSpec, type PrototypeColumn } from './modelSpec.js';
import { buildModelSpec, keyPath, readModelInfo } from './pinModel.js';
import type { DataSample } from './prototypeFromData.js';
import { parseVetiverPrototype } from './vetiverMeta.js';

export type ModelOrigin = 'pinwheel-onnx' | 'onnx-file' | 'vetiver-python' | 'vetiver-r';

export interface ModelDescription {
  name: string;
  version: string;
  origin: ModelOrigin;
  /** The pin's type in data.txt: file, joblib, rds… */
  pinType: string;
  /** data.txt's title; the pin name when it has none (pins-r's old flat pins). */
  title: string;
  description: string | null;
  created: Date | null;
  /** The request columns; null when the pin does not record them (vetiver-r keeps them inside the rds). */
  prototype: PrototypeColumn[] | null;
  requiredPkgs: string[];
  /** vetiver-python's `sys.version_info` list, e.g. [3, 11, 2, "final", 0]. */
  pythonVersion: unknown[] | null;
  /** The user's own metadata. */
  user: Record<string, unknown>;
  servable: boolean;
  notServableReason?: string;
  /** Steps to an ONNX model pin, one per line, for pins that are not servable. */
  howToExport?: string;
  /** Pinwheel's serving spec: stored (pinwheel-onnx) or derived (servable onnx-file). */
  spec?: PinwheelModelSpec;
  /** The model file inside the version folder. */
  modelFile?: string;
  /** What the user should know about how the description was obtained. */
  notes: string[];
}

export interface ServableModel {
  description: ModelDescription;
  spec: PinwheelModelSpec;
  modelBytes: Uint8Array;
}

const DATA_TYPES: Record<string, string> = {
  csv: 'a table of data',
  json: 'JSON data',
  arrow: 'a table of data',
  parquet: 'a table of data',
  table: 'a table of data (legacy pins)',
};
const PYTHON_PICKLES = new Set(['joblib', 'pickle']);
const R_OBJECTS = new Set(['rds', 'qs', 'qs2']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pinLabel(meta: PinMeta): string {
  return meta.version === '.' ? `Pin "${meta.name}"` : `Pin "${meta.name}" version ${meta.version}`;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function withoutKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

function base(meta: PinMeta, origin: ModelOrigin): Omit<ModelDescription, 'prototype' | 'requiredPkgs' | 'pythonVersion' | 'user' | 'servable' | 'notes'> {
  return { name: meta.name, version: meta.version, origin, pinType: meta.type, title: meta.title ?? meta.name, description: meta.description, created: meta.created };
}

function modelFileOf(meta: PinMeta): string | undefined {
  return meta.files.find((file) => path.extname(file).toLowerCase() === '.onnx');
}

// ---------------------------------------------------------------------------------------------
// Pickles and R objects: data.txt only.

function pythonModelKind(requiredPkgs: string[]): string {
  const has = (pkg: string) => requiredPkgs.some((name) => name.toLowerCase() === pkg);
  if (has('torch')) return 'a PyTorch model saved with joblib';
  if (has('xgboost')) return 'an XGBoost model saved with joblib';
  if (has('lightgbm')) return 'a LightGBM model saved with joblib';
  if (has('statsmodels')) return 'a statsmodels model saved with joblib';
  if (has('spacy')) return 'a spaCy model saved with joblib';
  if (has('scikit-learn')) return 'a scikit-learn pickle';
  return 'a Python pickle';
}

function prototypeFromJson(value: unknown, keyName: string, notes: string[]): PrototypeColumn[] | null {
  if (value === null || value === undefined) {
    notes.push(`The pin stores no prototype (${keyName} is empty), so the model's columns are unknown.`);
    return null;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    const parsed = parseVetiverPrototype(text);
    notes.push(...parsed.notes);
    return parsed.prototype;
  } catch (error) {
    notes.push(`${keyName} cannot be read as a prototype: ${(error as Error).message}.`);
    return null;
  }
}

function vetiverPython(meta: PinMeta): ModelDescription | null {
  const user = meta.user;
  const vetiverMeta = user.vetiver_meta;
  const newLayout = isRecord(vetiverMeta);
  const oldLayout = !newLayout && ('ptype' in user || 'required_pkgs' in user);
  if (!newLayout && !oldLayout) return null;
  const notes: string[] = [];
  const source = newLayout ? vetiverMeta : user;
  const requiredPkgs = stringList(source.required_pkgs);
  const pythonVersion = Array.isArray(source.python_version) ? (source.python_version as unknown[]) : null;
  const prototype = newLayout
    ? prototypeFromJson(vetiverMeta.prototype, 'user.vetiver_meta.prototype', notes)
    : prototypeFromJson(user.ptype, 'user.ptype', notes);
  if (oldLayout) notes.push('Written by vetiver-python 0.1 or older (user.ptype instead of user.vetiver_meta).');
  const file = meta.files[0] ?? `${meta.name}.${meta.type}`;
  return {
    ...base(meta, 'vetiver-python'),
    prototype,
    requiredPkgs,
    pythonVersion,
    user: newLayout ? (isRecord(user.user) ? user.user : {}) : withoutKeys(user, ['ptype', 'required_pkgs', 'python_version', 'save_ptype']),
    servable: false,
    notServableReason: `Pinwheel serves ONNX; this is ${pythonModelKind(requiredPkgs)} (${file}, ${meta.type}), which only Python can load, and loading a pickle can run any code hidden in it, so Pinwheel never opens it.`,
    howToExport: pythonExportAdvice(meta.name).join('\n'),
    modelFile: file,
    notes,
  };
}

/** vetiver-r's default title for its `list(model, prototype)` pin. */
const VETIVER_R_TITLE = /: a pinned list$/;

function vetiverR(meta: PinMeta): ModelDescription | null {
  const user = meta.user;
  const hasVetiverKeys = 'required_pkgs' in user || 'renv_lock' in user;
  if (!hasVetiverKeys && !VETIVER_R_TITLE.test(meta.title ?? '')) return null;
  const notes = ['vetiver-r keeps the prototype inside the rds file, which Pinwheel never opens, so the columns are unknown here.'];
  if (!hasVetiverKeys) notes.push('The pin has no user.required_pkgs (older vetiver-r kept them inside the rds file too).');
  if (isRecord(user.renv_lock)) notes.push('The pin stores an renv lockfile (user.renv_lock) for the R packages.');
  const file = meta.files[0] ?? `${meta.name}.${meta.type}`;
  return {
    ...base(meta, 'vetiver-r'),
    prototype: null,
    requiredPkgs: stringList(user.required_pkgs),
    pythonVersion: null,
    user: withoutKeys(user, ['required_pkgs', 'renv_lock']),
    servable: false,
    notServableReason: `Pinwheel serves ONNX; this is an R model serialised by vetiver-r (${file}, ${meta.type}), which only R can load, and reading an R serialisation can run code, so Pinwheel never opens it.`,
    howToExport: rExportAdvice(meta.name).join('\n'),
    modelFile: file,
    notes,
  };
}

/** `what` completes "Pin "x" version v is …"; `advice` says what to do instead. */
function notAModel(meta: PinMeta, what: string, advice: string): ModelError {
  return new ModelError('not-a-model', `${pinLabel(meta)} is ${what}. ${advice}`);
}

// ---------------------------------------------------------------------------------------------
// Pinwheel's own model pins.

function pinwheelSpec(meta: PinMeta, block: Record<string, unknown>): PinwheelModelSpec {
  const where = `user.${PINWHEEL_USER_KEY}`;
  const version = block.schema_version;
  if (typeof version === 'number' && version > 1) {
    throw new ModelError('invalid-model-metadata', `${pinLabel(meta)} was pinned by a newer Pinwheel (${where}.schema_version is ${version}; this one reads 1). Upgrade Pinwheel to use it.`);
  }
  const checked = pinwheelModelSpecSchema.safeParse(block);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ModelError(
      'invalid-model-metadata',
      `${pinLabel(meta)} has model metadata Pinwheel cannot use: ${keyPath(where, issue?.path ?? [])} ${issue?.message ? `is wrong (${issue.message})` : 'is wrong'}. Pin the model again with \`pinwheel pin-model\`, or correct data.txt by hand.`,
    );
  }
  return checked.data;
}

function pinwheelOnnx(meta: PinMeta, block: Record<string, unknown>): ModelDescription {
  const spec = pinwheelSpec(meta, block);
  const modelFile = modelFileOf(meta);
  if (modelFile === undefined) {
    throw new ModelError('invalid-model-metadata', `${pinLabel(meta)} has Pinwheel model metadata (user.${PINWHEEL_USER_KEY}) but no .onnx file (its files: ${meta.files.join(', ')}). Pin the model again with \`pinwheel pin-model\`.`);
  }
  const vetiverMeta = isRecord(meta.user.vetiver_meta) ? meta.user.vetiver_meta : {};
  return {
    ...base(meta, 'pinwheel-onnx'),
    prototype: spec.prototype,
    requiredPkgs: stringList(vetiverMeta.required_pkgs),
    pythonVersion: null,
    user: isRecord(meta.user.user) ? meta.user.user : {},
    servable: true,
    spec,
    modelFile,
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Plain ONNX file pins: the mapping is derived from the pin's metadata or the model itself.

const DEFAULT_EXAMPLES: Record<PrototypeColumn['type'], boolean | number | string> = { boolean: false, integer: 0, number: 0, string: '' };

function columnTypeFor(input: OnnxValueInfo): PrototypeColumn['type'] {
  if (input.dtype === 'bool') return 'boolean';
  if (input.dtype === 'string') return 'string';
  if (input.dtype?.startsWith('int') || input.dtype?.startsWith('uint')) return 'integer';
  return 'number';
}

function isOneColumn(input: OnnxValueInfo): boolean {
  const shape = input.shape;
  return shape !== null && (shape.length === 1 || (shape.length === 2 && shape[1] === 1));
}

/** Column names for the model's inputs, and where they come from; null when nothing names them. */
function derivedColumns(info: OnnxModelInfo, meta: PinMeta): { columns: { name: string; type: PrototypeColumn['type'] }[]; options: InputMappingOptions; from: string } | null {
  const userFeatures = meta.user.features;
  const named = Array.isArray(userFeatures) && userFeatures.length > 0 && userFeatures.every((f) => typeof f === 'string' && f !== '')
    ? { features: userFeatures as string[], from: 'user.features in data.txt' }
    : null;
  const fromMetadata = featuresFromMetadata(info.metadata);
  const only = info.inputs.length === 1 ? info.inputs[0] : undefined;
  if (only && !(isOneColumn(only) && !named && !fromMetadata)) {
    const features = named ?? (fromMetadata ? { features: fromMetadata.features, from: `the model's metadata_props "${fromMetadata.key}"` } : null);
    if (!features) return null;
    return { columns: features.features.map((name) => ({ name, type: columnTypeFor(only) })), options: { features: features.features, featuresFrom: features.from }, from: features.from };
  }
  return { columns: info.inputs.map((input) => ({ name: input.name, type: columnTypeFor(input) })), options: {}, from: "the model's input names" };
}

function onnxFile(meta: PinMeta, modelFile: string, info: OnnxModelInfo): ModelDescription {
  const notes: string[] = [];
  const described = {
    ...base(meta, 'onnx-file'),
    requiredPkgs: [] as string[],
    pythonVersion: null,
    user: meta.user,
    modelFile,
  };
  // The model file is unchanged, so pinning it again needs --force-identical to make a new version.
  const repin = `\`pinwheel download ${meta.name} --to .\`, then \`pinwheel pin-model ${modelFile} --name ${meta.name} --prototype training-sample.csv --force-identical\` (with --features a,b,c in the model's column order if needed; --force-identical because only the metadata changes).`;
  const derived = derivedColumns(info, meta);
  if (derived === null) {
    const input = info.inputs[0];
    return {
      ...described,
      prototype: null,
      servable: false,
      notServableReason: `The model's input "${input?.name ?? '?'}" takes several columns in one tensor, but neither the pin's metadata (user.features) nor the model (metadata_props) says which columns, or in which order, so Pinwheel cannot tell which request field goes where.`,
      howToExport: `Pin it with a prototype: ${repin}`,
      notes,
    };
  }
  const sample: DataSample = {
    source: derived.from,
    columns: derived.columns.map((column) => column.name),
    prototype: derived.columns.map(({ name, type }) => ({ name, type, example: DEFAULT_EXAMPLES[type] })),
    untyped: [],
    wholeNumberColumns: [],
    notes: [],
  };
  try {
    const { spec, notes: specNotes } = buildModelSpec(info, sample, derived.options);
    preferNamedOutput(spec, meta.user.output);
    notes.push(`Columns from ${derived.from}; the examples are placeholders (false, 0, ""), since the pin has no sample of the data. \`pinwheel pin-model\` records real ones.`, ...specNotes);
    return { ...described, prototype: spec.prototype, servable: true, spec, notes };
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    return { ...described, prototype: null, servable: false, notServableReason: error.message, howToExport: `Pin it with a prototype: ${repin}`, notes };
  }
}

/** A file pin's `user.output` (as in the ads_rf_onnx fixture) names the prediction tensor. */
function preferNamedOutput(spec: PinwheelModelSpec, output: unknown): void {
  if (typeof output !== 'string' || spec.task !== 'regression') return;
  if (!spec.outputs.some((candidate) => candidate.name === output)) return;
  for (const candidate of spec.outputs) candidate.role = candidate.name === output ? 'prediction' : 'other';
}

async function readPinFile(board: Board, meta: PinMeta, file: string): Promise<Uint8Array> {
  const paths = await board.download(meta.name, { version: meta.version });
  const local = paths[meta.files.indexOf(file)] ?? paths[0];
  if (local === undefined) throw new Error(`no local path for ${file}`);
  const bytes = await readFile(local);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ---------------------------------------------------------------------------------------------

async function describe(board: Board, name: string, version: string | undefined): Promise<{ description: ModelDescription; meta: PinMeta; modelBytes?: Uint8Array }> {
  const meta = await board.meta(name, version);
  return { meta, ...(await describeMeta(board, meta)) };
}

async function describeMeta(board: Board, meta: PinMeta): Promise<{ description: ModelDescription; modelBytes?: Uint8Array }> {
  const block = meta.user[PINWHEEL_USER_KEY];
  if (isRecord(block)) {
    if (block.kind === 'onnx-model' || 'schema_version' in block) return { description: pinwheelOnnx(meta, block) };
    if (typeof block.model === 'string') {
      const of = typeof block.model_version === 'string' ? ` version ${block.model_version}` : '';
      throw notAModel(meta, `a companion of the model pin "${block.model}"${of} (a model card, metrics or drift reference), not a model itself`, `Describe the model itself: \`pinwheel model ${block.model}\`.`);
    }
  }
  if (PYTHON_PICKLES.has(meta.type)) {
    const described = vetiverPython(meta);
    if (described) return { description: described };
    throw notAModel(
      meta,
      `a Python object saved with ${meta.type} (${meta.title ?? 'no title'}) without vetiver metadata (user.vetiver_meta), so Pinwheel does not know it for a model`,
      `Pinwheel never opens pickles. If it is a model, export it to ONNX: ${pythonExportAdvice(meta.name).join(' ')}`,
    );
  }
  if (R_OBJECTS.has(meta.type)) {
    const described = vetiverR(meta);
    if (described) return { description: described };
    throw notAModel(
      meta,
      `an R object saved as ${meta.type} (${meta.title ?? 'no title'}) without vetiver metadata (user.required_pkgs or renv_lock), so Pinwheel does not know it for a model`,
      `Pinwheel never opens R serialisations; \`pinwheel download ${meta.name}\` gives you the file for R.`,
    );
  }
  if (meta.type === 'file') {
    const modelFile = modelFileOf(meta);
    if (modelFile === undefined) {
      throw notAModel(meta, `a file pin holding ${meta.files.join(', ')}, none of them an ONNX model (.onnx), so it is not a model`, 'Pin an ONNX model with `pinwheel pin-model MODEL.onnx --name NAME --prototype DATA`.');
    }
    const modelBytes = await readPinFile(board, meta, modelFile);
    const info = readModelInfo(modelBytes, `The file ${modelFile} of ${pinLabel(meta).replace(/^Pin/, 'pin')}`);
    return { description: onnxFile(meta, modelFile, info), modelBytes };
  }
  const what = `${DATA_TYPES[meta.type] ? `a ${meta.type} pin (${DATA_TYPES[meta.type]})` : `a pin of type ${meta.type}`}, not a model`;
  throw notAModel(meta, what, `See its data with \`pinwheel read ${meta.name}\`. A model pin holds an ONNX file (made with \`pinwheel pin-model MODEL.onnx --name NAME --prototype DATA\`) or a vetiver model.`);
}

/**
 * Describes a model pin of any origin from its data.txt (and, for plain ONNX file pins, the
 * model's declared inputs and outputs). Never opens pickles or R serialisations. Throws
 * PinsError for a missing pin or version, ModelError 'not-a-model' for pins that are not models,
 * 'invalid-model-metadata' (naming the key path) for damaged Pinwheel metadata, and 'not-onnx'
 * for a .onnx file that is not ONNX.
 */
export async function readModelPin(board: Board, name: string, version?: string): Promise<ModelDescription> {
  return (await describe(board, name, version)).description;
}

/**
 * Everything the predict server needs: the description, the spec and the model's bytes.
 * Throws ModelError 'not-servable' (with the reason and how to export to ONNX) for pickles,
 * R models and ONNX files whose columns cannot be derived, and the errors of readModelPin.
 */
export async function loadServableModel(board: Board, name: string, version?: string): Promise<ServableModel> {
  const described = await describe(board, name, version);
  const description = described.description;
  if (!description.servable || !description.spec || description.modelFile === undefined) {
    const label = description.version === '.' ? `Pin "${description.name}"` : `Pin "${description.name}" version ${description.version}`;
    const how = description.howToExport ? ` ${description.howToExport.replace(/\n/g, ' ')}` : '';
    throw new ModelError('not-servable', `${label} cannot be served: ${description.notServableReason ?? 'it is not an ONNX model pin'}${how}`);
  }
  // openModelSession checks the stored spec against the model itself when it loads it.
  const modelBytes = described.modelBytes ?? (await readPinFile(board, described.meta, description.modelFile));
  return { description, spec: description.spec, modelBytes };
}
