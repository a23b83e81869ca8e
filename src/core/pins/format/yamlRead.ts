// Reads YAML with the failsafe schema (every scalar a string, nothing converted behind our
// back) into a small tree that remembers whether each scalar was plain or quoted: `yes` and
// `'yes'` mean different things in YAML 1.1, and only the caller knows which fields are
// free-form. Unknown tags such as R's legacy `!expr` are kept as strings, never evaluated.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { resolvePlainScalar } from './yamlScalars.js';

export type YamlTree =
  | { kind: 'scalar'; text: string; plain: boolean; tag: string | undefined }
  | { kind: 'list'; items: YamlTree[] }
  | { kind: 'map'; entries: [string, YamlTree][] };

/** The text is not YAML at all; `message` says where (line and column). */
export class YamlSyntaxError extends Error {}

// Aliases can make a tiny file expand exponentially ("billion laughs"); real metadata is small.
const MAX_NODES = 100_000;
const YAML_STR_TAG = 'tag:yaml.org,2002:str';

const EMPTY_PLAIN: YamlTree = { kind: 'scalar', text: '', plain: true, tag: undefined };

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/:$/, '');
}

/** Parses one YAML document; null when it is empty. Throws YamlSyntaxError. */
export function readYamlTree(text: string): YamlTree | null {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: true });
  const [error] = doc.errors;
  if (error) throw new YamlSyntaxError(firstLine(error.message));
  if (doc.contents === null) return null;
  let budget = MAX_NODES;
  const convert = (node: unknown): YamlTree => {
    if (--budget < 0) {
      throw new YamlSyntaxError(`it expands to more than ${MAX_NODES} values (too many aliases)`);
    }
    return toTree(node, doc, convert);
  };
  return convert(doc.contents);
}

function toTree(node: unknown, doc: Document, convert: (node: unknown) => YamlTree): YamlTree {
  if (node === null || node === undefined) return EMPTY_PLAIN;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new YamlSyntaxError(`the alias *${node.source} has no matching anchor`);
    return convert(target);
  }
  if (isScalar(node)) {
    const value = node.value;
    return {
      kind: 'scalar',
      text: value === null || value === undefined ? '' : String(value),
      plain: node.type === 'PLAIN',
      tag: node.tag,
    };
  }
  if (isSeq(node)) return { kind: 'list', items: node.items.map((item) => convert(item)) };
  if (isMap(node)) {
    return {
      kind: 'map',
      entries: node.items.map((pair): [string, YamlTree] => [keyText(convert(pair.key)), convert(pair.value)]),
    };
  }
  throw new YamlSyntaxError(`it contains an unsupported YAML node (${String((node as Node).constructor?.name)})`);
}

/** Map keys become JavaScript property names: the scalar's text, or JSON for complex keys. */
function keyText(key: YamlTree): string {
  return key.kind === 'scalar' ? key.text : JSON.stringify(treeToStrings(key));
}

/** Defines a property even when the key is `__proto__`, without touching any prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every scalar as the string written in the file (failsafe view). */
export function treeToStrings(tree: YamlTree): unknown {
  switch (tree.kind) {
    case 'scalar':
      return tree.text;
    case 'list':
      return tree.items.map(treeToStrings);
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const [key, value] of tree.entries) setOwn(result, key, treeToStrings(value));
      return result;
    }
  }
}

const CORE_TAG = /^tag:yaml\.org,2002:(int|float|bool|null)$/;

/**
 * Free-form values (user metadata) with PyYAML-style YAML 1.1 resolution: plain scalars may
 * be booleans, numbers or null; quoted ones, block scalars and unknown tags stay strings.
 */
export function treeToValues(tree: YamlTree): unknown {
  switch (tree.kind) {
    case 'scalar': {
      if (tree.tag === YAML_STR_TAG) return tree.text;
      if (tree.tag !== undefined && !CORE_TAG.test(tree.tag)) return tree.text;
      return tree.plain || tree.tag !== undefined ? resolvePlainScalar(tree.text) : tree.text;
    }
    case 'list':
      return tree.items.map(treeToValues);
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const [key, value] of tree.entries) setOwn(result, key, treeToValues(value));
      return result;
    }
  }
}
