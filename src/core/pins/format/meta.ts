// data.txt, the metadata file of one pin version (spec §1.4). Read leniently — pins-r,
// pins-python and older versions of both wrote different keys, orders and spellings — and
// written the way pins-r does, in a YAML subset every one of those readers parses identically.
import { PinsError } from '../errors.js';
import { formatCreated, parseCreated } from './versionName.js';
import { readYamlTree, setOwn, treeToStrings, treeToValues, YamlSyntaxError, type YamlTree } from './yamlRead.js';
import { isPlainNull } from './yamlScalars.js';
import { renderYaml, renderYamlEntries } from './yamlWrite.js';

export { renderYaml };

export interface PinMeta {
  /** Added at read time, never stored. */
  name: string;
  /** Added at read time, never stored. */
  version: string;
  /** Always arrays in memory (a scalar on disk when there is one file). */
  files: string[];
  /** Same order as `files`; empty when data.txt records no sizes (legacy pins). */
  fileSizes: number[];
  pinHash: string | null;
  /** The first type when pins-r wrote several. */
  type: string;
  types: string[];
  title: string | null;
  description: string | null;
  tags: string[] | null;
  urls: string[] | null;
  /** `created` parsed as UTC, null when absent or not a known format. */
  created: Date | null;
  /** `created` exactly as stored. */
  createdText: string | null;
  /** 1 (also for `1.0`); 0 for legacy v0 metadata (`path:`, `type: table`). */
  apiVersion: number;
  /** User metadata, YAML 1.1 (PyYAML) resolution: `yes` is true, `'yes'` and `1e5` are strings. */
  user: Record<string, unknown>;
  /** Every other top-level key, resolved like `user`, kept so a rewrite does not lose it. */
  unknown: Record<string, unknown>;
}

export interface NewPinMeta {
  files: string[];
  fileSizes: number[];
  pinHash: string;
  type: string;
  title: string;
  description: string | null;
  tags: string[] | null;
  urls: string[] | null;
  created: Date;
  user: Record<string, unknown>;
  /** Extra top-level keys, written after the standard ones; keys named like a standard field are ignored. */
  unknown?: Record<string, unknown>;
}

/** The fields written by pins-r, in its order (spec §1.4, "Key order when written"). */
const STANDARD_KEYS = [
  'file',
  'file_size',
  'pin_hash',
  'type',
  'title',
  'description',
  'tags',
  'urls',
  'created',
  'api_version',
  'user',
] as const;
const STANDARD_KEY_SET = new Set<string>(STANDARD_KEYS);
const NEWEST_SUPPORTED_API = 1;

type Where = { pin: string; version: string };

/** A word the shell passes through unchanged, for the commands suggested in messages. */
function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function corrupt(where: Where, problem: string): PinsError {
  const { pin, version } = where;
  return new PinsError(
    'corrupt-metadata',
    `Cannot read pin "${pin}" version ${version}: its metadata file ${pin}/${version}/data.txt ${problem}. ` +
      `Restore that file from a backup, or delete this version with ` +
      `\`pinwheel delete ${shellWord(pin)} --version ${shellWord(version)}\`.`,
  );
}

function describe(tree: YamlTree): string {
  if (tree.kind === 'list') return 'a list';
  if (tree.kind === 'map') return 'a mapping';
  const text = tree.text.length > 40 ? `${tree.text.slice(0, 40)}…` : tree.text;
  return `the text ${JSON.stringify(text)}`;
}

/** Absent, `~`, `null` or empty (unquoted): the field has no value. */
function isAbsent(tree: YamlTree | undefined): tree is undefined {
  return tree === undefined || (tree.kind === 'scalar' && tree.plain && isPlainNull(tree.text));
}

/** Why a `file` entry cannot be a file inside the version folder, or null when it can. */
function fileNameProblem(name: string): string | null {
  if (name === '') return 'is empty';
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    return 'is a path, but pins store plain file names inside the version folder';
  }
  if (name.includes('\0')) return 'contains a NUL character';
  return null;
}

class DataTxtReader {
  constructor(
    private readonly where: Where,
    private readonly fields: Map<string, YamlTree>,
  ) {}

  has(key: string): boolean {
    return !isAbsent(this.fields.get(key));
  }

  fail(problem: string): PinsError {
    return corrupt(this.where, problem);
  }

  /** `api_version`; 0 when absent (legacy v0 metadata). */
  apiVersion(): number {
    const tree = this.fields.get('api_version');
    if (isAbsent(tree)) return 0;
    if (tree.kind !== 'scalar' || !/^[0-9]+(?:\.[0-9]*)?$/.test(tree.text.trim())) {
      throw this.fail(`has an \`api_version\` that is not a number (${describe(tree)})`);
    }
    const apiVersion = Number(tree.text.trim());
    if (apiVersion >= 2) {
      const { pin, version } = this.where;
      throw new PinsError(
        'unsupported-type',
        `Pin "${pin}" version ${version} was written by a newer pins (api_version ${tree.text.trim()}); ` +
          `upgrade Pinwheel to read it.`,
      );
    }
    return apiVersion;
  }

  /** A scalar or a list of scalars, as text; undefined when absent. */
  textList(key: string): string[] | undefined {
    const tree = this.fields.get(key);
    if (isAbsent(tree)) return undefined;
    if (tree.kind === 'scalar') return [tree.text];
    if (tree.kind === 'map') throw this.fail(`has a mapping under \`${key}\` where text or a list of text was expected`);
    return tree.items.map((item, index) => {
      if (item.kind !== 'scalar') {
        throw this.fail(`has ${describe(item)} as item ${index + 1} of \`${key}\`, where text was expected`);
      }
      return item.text;
    });
  }

  optionalText(key: string): string | null {
    const tree = this.fields.get(key);
    if (isAbsent(tree)) return null;
    if (tree.kind !== 'scalar') throw this.fail(`has ${describe(tree)} under \`${key}\` where text was expected`);
    return tree.text;
  }

  files(key: 'file' | 'path'): string[] {
    const files = this.textList(key);
    if (files === undefined || files.length === 0) {
      throw this.fail(`does not say which file holds the data (no \`${key}\` field)`);
    }
    for (const file of files) {
      const problem = fileNameProblem(file);
      if (problem !== null) throw this.fail(`lists the file ${JSON.stringify(file)}, which ${problem}`);
    }
    return files;
  }

  fileSizes(fileCount: number): number[] {
    const sizes = this.textList('file_size');
    if (sizes === undefined) return [];
    const numbers = sizes.map((text) => {
      const size = /^\+?[0-9]+$/.test(text.trim()) ? Number(text.trim()) : NaN;
      if (!Number.isSafeInteger(size)) {
        throw this.fail(`has a \`file_size\` that is not a whole number of bytes (${JSON.stringify(text)})`);
      }
      return size;
    });
    if (numbers.length !== fileCount) {
      throw this.fail(`lists ${fileCount} file(s) but ${numbers.length} file size(s); the two lists must match`);
    }
    return numbers;
  }

  types(): string[] {
    const types = this.textList('type');
    if (types === undefined || types.length === 0 || types.some((type) => type.trim() === '')) {
      throw this.fail('does not say how the data is stored (no `type` field, such as csv or json)');
    }
    return types;
  }

  user(): Record<string, unknown> {
    const tree = this.fields.get('user');
    if (isAbsent(tree)) return {};
    if (tree.kind !== 'map') {
      throw this.fail(`has ${describe(tree)} under \`user\`, where a mapping of metadata names to values was expected`);
    }
    return treeToValues(tree) as Record<string, unknown>;
  }

  unknown(consumed: Set<string>): Record<string, unknown> {
    const unknown: Record<string, unknown> = {};
    for (const [key, tree] of this.fields) {
      if (consumed.has(key)) continue;
      setOwn(unknown, key, treeToValues(tree));
    }
    return unknown;
  }
}

/**
 * Reads a data.txt. Throws PinsError 'corrupt-metadata' (naming the pin, the version and the
 * problem) when it cannot describe a pin, and 'unsupported-type' for api_version 2 or later.
 */
export function parseDataTxt(text: string, where: Where): PinMeta {
  let root: YamlTree | null;
  try {
    root = readYamlTree(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw corrupt(where, `is not valid YAML: ${error.message}`);
    throw error;
  }
  if (root === null) throw corrupt(where, 'is empty');
  if (root.kind !== 'map') {
    throw corrupt(where, `does not hold a YAML mapping of field names to values (it holds ${describe(root)})`);
  }
  // A repeated key keeps its last value, as PyYAML does.
  const reader = new DataTxtReader(where, new Map(root.entries));

  const apiVersion = reader.apiVersion();
  const legacy = apiVersion === 0;
  // pins-r reads legacy metadata as `file <- path %||% file` (spec §1.4, v0).
  const fileKey = legacy && reader.has('path') ? 'path' : 'file';
  const files = reader.files(fileKey);
  const types = reader.types();
  const createdText = reader.optionalText('created');
  return {
    name: where.pin,
    version: where.version,
    files,
    fileSizes: reader.fileSizes(files.length),
    pinHash: reader.optionalText('pin_hash'),
    type: types[0] ?? '',
    types,
    title: reader.optionalText('title'),
    description: reader.optionalText('description'),
    tags: reader.textList('tags') ?? null,
    urls: reader.textList('urls') ?? null,
    created: createdText === null ? null : parseCreated(createdText),
    createdText,
    apiVersion,
    user: reader.user(),
    unknown: reader.unknown(new Set([...STANDARD_KEYS, fileKey])),
  };
}

function invalid(problem: string): PinsError {
  return new PinsError('invalid-argument', `Cannot write pin metadata: ${problem}.`);
}

function checkNewMeta(meta: NewPinMeta): void {
  if (meta.files.length === 0) throw invalid('a pin version needs at least one file');
  for (const file of meta.files) {
    const problem = file === 'data.txt' ? 'is the name of the metadata file itself' : fileNameProblem(file);
    if (problem !== null) throw invalid(`the file name ${JSON.stringify(file)} ${problem}`);
  }
  if (meta.fileSizes.length !== meta.files.length) {
    throw invalid(`there are ${meta.files.length} file(s) but ${meta.fileSizes.length} file size(s)`);
  }
  for (const size of meta.fileSizes) {
    if (!Number.isSafeInteger(size) || size < 0) throw invalid(`the file size ${size} is not a whole number of bytes`);
  }
  if (typeof meta.pinHash !== 'string' || meta.pinHash === '') throw invalid('the pin hash is empty');
  if (typeof meta.type !== 'string' || meta.type.trim() === '') throw invalid('the pin type is empty');
  if (typeof meta.title !== 'string') throw invalid('the title must be text');
  if (meta.description !== null && typeof meta.description !== 'string') throw invalid('the description must be text or null');
  for (const [field, list] of [['tags', meta.tags], ['urls', meta.urls]] as const) {
    if (list !== null && (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))) {
      throw invalid(`${field} must be a list of text, or null`);
    }
  }
  const user: unknown = meta.user;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) {
    throw invalid('user metadata must be a mapping of names to values (an object)');
  }
}

/**
 * data.txt for a new version: pins-r's key order, `api_version: 1`, `user:` always present,
 * null written `null`, then any extra keys. One file gives scalars, several give lists.
 */
export function renderDataTxt(meta: NewPinMeta): string {
  checkNewMeta(meta);
  const single = meta.files.length === 1;
  const entries: [string, unknown][] = [
    ['file', single ? meta.files[0] : meta.files],
    ['file_size', single ? meta.fileSizes[0] : meta.fileSizes],
    ['pin_hash', meta.pinHash],
    ['type', meta.type],
    ['title', meta.title],
    ['description', meta.description],
    ['tags', meta.tags],
    ['urls', meta.urls],
    ['created', formatCreated(meta.created)],
    ['api_version', NEWEST_SUPPORTED_API],
    ['user', meta.user],
  ];
  for (const [key, value] of Object.entries(meta.unknown ?? {})) {
    if (!STANDARD_KEY_SET.has(key)) entries.push([key, value]);
  }
  return renderYamlEntries(entries);
}

/**
 * Parses YAML with every scalar kept as the string written (for `_pins.yaml`, where a pin
 * named `y` or `1e5` must stay a name). Null for an empty file; PinsError 'corrupt-metadata'
 * when it is not YAML. `where` describes the file, e.g. "the board manifest /data/board/_pins.yaml".
 */
export function parseYamlStrings(text: string, where: string): unknown {
  try {
    const tree = readYamlTree(text);
    return tree === null ? null : treeToStrings(tree);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      throw new PinsError(
        'corrupt-metadata',
        `Cannot read ${where}: it is not valid YAML (${error.message}). Correct the file by hand, or delete it and write it again.`,
      );
    }
    throw error;
  }
}
