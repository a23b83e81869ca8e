// Property test: whatever metadata Pinwheel writes, every reader of the board format reads
// the same values back — our own failsafe reader, a YAML 1.2 core parser, and a YAML 1.1 parser
// (the `yaml` package's yaml-1.1 schema, which resolves even more words than PyYAML does).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { formatCreated } from '../../src/core/pins/format/versionName.js';
import { parseDataTxt, renderDataTxt, type NewPinMeta } from '../../src/core/pins/format/meta.js';

const STANDARD_KEYS = new Set(['file', 'file_size', 'pin_hash', 'type', 'title', 'description', 'tags', 'urls', 'created', 'api_version', 'user']);

/** Strings YAML 1.1 and 1.2 readers disagree about, or that break naive emitters. */
const traps = fc.constantFrom(
  '1e5', '1.5e5', '1E+5', '-1e-5', '0123456789012345', '12345e6789012345', '1234567890123456', '0x1F', '0o17', '0b101',
  '1_000', '1:20', '190:20:30', '.5', '5.', '.', '-.inf', '.NaN', '.nan', 'e5', '+1', '-0', '007',
  'y', 'Y', 'n', 'N', 'yes', 'No', 'NO', 'on', 'OFF', 'true', 'False', '~', 'null', 'Null', 'NULL', '',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '20221215T180351Z', '<<', '=', '__proto__', 'constructor',
  ' lead', 'trail ', 'a: b', 'a:', ':a', '#x', 'a #b', '- x', '-', '?', '? x', '[a]', '{a: 1}', '&anchor', '*alias', '!tag',
  '|', '>', "it's", '"quoted"', '%x', '@x', '`x`', '---', '...', 'a\nb', '\n', 'tab\there', '\r\n', 'bell\u0007',
  'nel\u0085', 'ls\u2028', 'bom\ufeff', 'nbsp\u00a0', 'café', '日本語', '🎉', 'é', '\u0000', 'x'.repeat(90),
);
const text = fc.oneof(
  traps,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.tuple(traps, fc.string({ maxLength: 4 }), traps).map(([a, b, c]) => a + b + c),
);
const fileName = text.filter((name) => name !== '' && name !== '.' && name !== '..' && name !== 'data.txt' && !/[/\\\0]/.test(name));

const { value: userValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const userMap = fc.dictionary(text, userValue, { maxKeys: 5, noNullPrototype: true });

const newMeta: fc.Arbitrary<NewPinMeta> = fc
  .record({
    files: fc.array(fc.tuple(fileName, fc.maxSafeNat()), { minLength: 1, maxLength: 3 }),
    pinHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), traps.filter((hash) => hash !== ''), fc.constant('12345e6789012345')),
    type: text.filter((type) => type.trim() !== ''),
    title: text,
    description: fc.option(text, { nil: null }),
    tags: fc.option(fc.array(text, { maxLength: 4 }), { nil: null }),
    urls: fc.option(fc.array(text, { maxLength: 3 }), { nil: null }),
    created: fc
      .integer({ min: Date.UTC(1000, 0, 1) / 1000, max: Date.UTC(9999, 11, 31, 23, 59, 59) / 1000 })
      .map((seconds) => new Date(seconds * 1000)),
    user: userMap,
    unknown: fc.dictionary(text.filter((key) => !STANDARD_KEYS.has(key)), userValue, { maxKeys: 3, noNullPrototype: true }),
  })
  .map(({ files, ...rest }) => ({ ...rest, files: files.map(([name]) => name), fileSizes: files.map(([, size]) => size) }));

/** What any YAML parser should produce for the rendered file. */
function expectedDocument(meta: NewPinMeta): Record<string, unknown> {
  const single = meta.files.length === 1;
  const document: Record<string, unknown> = {
    file: single ? meta.files[0] : meta.files,
    file_size: single ? meta.fileSizes[0] : meta.fileSizes,
    pin_hash: meta.pinHash,
    type: meta.type,
    title: meta.title,
    description: meta.description,
    tags: meta.tags,
    urls: meta.urls,
    created: formatCreated(meta.created),
    api_version: 1,
    user: meta.user,
  };
  for (const [key, value] of Object.entries(meta.unknown ?? {})) {
    Object.defineProperty(document, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return document;
}

test('renderDataTxt → parseDataTxt is the identity, and YAML 1.1 and 1.2 parsers agree', () => {
  fc.assert(
    fc.property(newMeta, (meta) => {
      const rendered = renderDataTxt(meta);
      const read = parseDataTxt(rendered, { pin: 'p', version: 'v' });
      assert.deepStrictEqual(
        {
          files: read.files,
          fileSizes: read.fileSizes,
          pinHash: read.pinHash,
          type: read.type,
          types: read.types,
          title: read.title,
          description: read.description,
          tags: read.tags,
          urls: read.urls,
          created: read.created,
          createdText: read.createdText,
          apiVersion: read.apiVersion,
          user: read.user,
          unknown: read.unknown,
        },
        {
          files: meta.files,
          fileSizes: meta.fileSizes,
          pinHash: meta.pinHash,
          type: meta.type,
          types: [meta.type],
          title: meta.title,
          description: meta.description,
          tags: meta.tags,
          urls: meta.urls,
          created: meta.created,
          createdText: formatCreated(meta.created),
          apiVersion: 1,
          user: meta.user,
          unknown: meta.unknown,
        },
      );
      const expected = expectedDocument(meta);
      assert.deepStrictEqual(parse(rendered), expected, 'YAML 1.2 core schema');
      assert.deepStrictEqual(parse(rendered, { version: '1.1', schema: 'yaml-1.1' }), expected, 'YAML 1.1 schema');
    }),
    { numRuns: 500 },
  );
});
