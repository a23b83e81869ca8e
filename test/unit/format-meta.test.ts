import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { isPinsError, PinsError } from '../../src/core/pins/errors.js';
import {
  parseDataTxt,
  parseYamlStrings,
  renderDataTxt,
  renderYaml,
  type NewPinMeta,
  type PinMeta,
} from '../../src/core/pins/format/meta.js';
import { fixturePath, skipWithoutShared } from '../support/sharedFixtures.js';

const where = { pin: 'sales', version: '20240102T030405Z-abcde' };

async function fixtureMeta(...parts: string[]): Promise<PinMeta> {
  const version = parts.at(-1) ?? '';
  const pin = parts.at(-2) ?? '';
  return parseDataTxt(await readFile(fixturePath(...parts, 'data.txt'), 'utf8'), { pin, version });
}

function corruption(text: string): PinsError {
  try {
    parseDataTxt(text, where);
  } catch (error) {
    if (isPinsError(error, 'corrupt-metadata')) return error;
    throw error;
  }
  assert.fail(`expected corrupt-metadata for ${JSON.stringify(text)}`);
}

// ---------------------------------------------------------------- reading the shared fixtures

test('pins-compat df_csv (pins-r 2022): the latest version as spec §8.1 lists it', skipWithoutShared, async () => {
  const meta = await fixtureMeta('pins-r-written', 'pins-compat', 'df_csv', '20220214T163720Z-9bfad');
  assert.equal(meta.name, 'df_csv');
  assert.equal(meta.version, '20220214T163720Z-9bfad');
  assert.equal(meta.title, 'df_csv: a pinned 2 x 3 data frame');
  assert.equal(meta.description, null);
  assert.deepEqual(meta.files, ['df_csv.csv']);
  assert.deepEqual(meta.fileSizes, [28]);
  assert.equal(meta.pinHash, '9bfad6d1a322a904');
  assert.equal(meta.type, 'csv');
  assert.deepEqual(meta.types, ['csv']);
  assert.equal(meta.apiVersion, 1); // stored as `1.0`
  assert.equal(meta.createdText, '20220214T163720Z');
  assert.deepEqual(meta.created, new Date(Date.UTC(2022, 1, 14, 16, 37, 20)));
  assert.equal(meta.tags, null);
  assert.equal(meta.urls, null);
  assert.deepEqual(meta.user, {});
  assert.deepEqual(meta.unknown, {});
});

test('pins-compat: the older df_csv version and the other pins', skipWithoutShared, async () => {
  const older = await fixtureMeta('pins-r-written', 'pins-compat', 'df_csv', '20220214T163718Z-eceac');
  assert.deepEqual([older.fileSizes, older.pinHash, older.title], [[20], 'eceac651f7d06360', 'df_csv: a pinned 2 x 2 data frame']);
  const arrow = await fixtureMeta('pins-r-written', 'pins-compat', 'df_arrow', '20220214T163720Z-ad0c1');
  assert.deepEqual([arrow.files, arrow.fileSizes, arrow.type], [['df_arrow.arrow'], [1282], 'arrow']);
  const rds = await fixtureMeta('pins-r-written', 'pins-compat', 'df_unversioned', '20220214T163720Z-35b15');
  assert.deepEqual([rds.files, rds.fileSizes, rds.type, rds.pinHash], [['df_unversioned.rds'], [116], 'rds', '35b1570263448755']);
});

test('pin-board (pins-r, with tags: ~): the type of pin y changes between versions', skipWithoutShared, async () => {
  const x = await fixtureMeta('pins-r-written', 'pin-board', 'x', '20221215T180351Z-c3943');
  assert.deepEqual(
    [x.title, x.description, x.tags, x.urls, x.files, x.fileSizes, x.apiVersion],
    ['x: a pinned integer vector', null, null, null, ['x.json'], [23], 1],
  );
  const first = await fixtureMeta('pins-r-written', 'pin-board', 'y', '20221215T180357Z-9ae7a');
  const second = await fixtureMeta('pins-r-written', 'pin-board', 'y', '20221215T180400Z-b81d5');
  assert.deepEqual([first.type, first.files, first.fileSizes], ['rds', ['y.rds'], [61]]);
  assert.deepEqual([second.type, second.files, second.fileSizes], ['json', ['y.json'], [53]]);
});

test('single-pins/pin-files (pins-r 2021): lists of files and sizes, 32-digit hash, ISO created', skipWithoutShared, async () => {
  const meta = await fixtureMeta('pins-r-written', 'single-pins', 'pin-files');
  assert.deepEqual(meta.files, ['first.txt', 'second.txt']);
  assert.deepEqual(meta.fileSizes, [8, 10]);
  assert.equal(meta.pinHash, '7bdc4d364edbe361dd14652ca8a9be4a');
  assert.equal(meta.type, 'file');
  assert.equal(meta.title, null);
  assert.equal(meta.description, 'A pin containing 2 files');
  assert.equal(meta.createdText, '2021-04-22T20:22:33');
  assert.deepEqual(meta.created, new Date(Date.UTC(2021, 3, 22, 20, 22, 33)));
  assert.equal(meta.apiVersion, 1);
});

test('single-pins/pin-rds keeps its extra `object` key as an unknown field', skipWithoutShared, async () => {
  const meta = await fixtureMeta('pins-r-written', 'single-pins', 'pin-rds');
  assert.deepEqual([meta.files, meta.fileSizes, meta.pinHash], [['pin-rds.rds'], [126], 'b19672da7864f6fb']);
  assert.deepEqual(meta.unknown, { object: { rows: 10, cols: 1 } });
});

test('pins-old-types (legacy v0): files come from `path`, api version 0', skipWithoutShared, async () => {
  const meta = await fixtureMeta('pins-r-written', 'pins-old-types', 'a-table', 'v');
  assert.equal(meta.apiVersion, 0);
  assert.deepEqual(meta.files, ['data.csv', 'data.rds']);
  assert.deepEqual(meta.fileSizes, []);
  assert.equal(meta.type, 'table');
  assert.equal(meta.pinHash, null);
  assert.equal(meta.created, null);
  assert.deepEqual(meta.unknown, { rows: 2, cols: 2, columns: { a: 'integer', b: 'character' } });
});

test('pins-python-written pins read as pins-python itself reported (pin_meta)', skipWithoutShared, async () => {
  interface ExpectedMeta {
    title: string | null;
    description: string | null;
    created: string;
    pin_hash: string;
    file: string;
    file_size: number;
    type: string;
    api_version: number;
    tags: string[] | null;
    user: Record<string, unknown>;
  }
  const expected = JSON.parse(await readFile(fixturePath('pins-python-written.expected.json'), 'utf8')) as {
    pin_meta: Record<string, ExpectedMeta>;
  };
  const names = Object.keys(expected.pin_meta);
  assert.ok(names.length >= 6);
  for (const name of names) {
    const python = expected.pin_meta[name] as ExpectedMeta;
    const version = `${python.created}-${python.pin_hash.slice(0, 5)}`;
    const meta = await fixtureMeta('pins-python-written', name, version);
    assert.deepEqual(
      {
        title: meta.title,
        description: meta.description,
        created: meta.createdText,
        pin_hash: meta.pinHash,
        file: meta.files,
        file_size: meta.fileSizes,
        type: meta.type,
        api_version: meta.apiVersion,
        tags: meta.tags,
        user: meta.user,
      },
      {
        title: python.title,
        description: python.description,
        created: python.created,
        pin_hash: python.pin_hash,
        file: [python.file],
        file_size: [python.file_size],
        type: python.type,
        api_version: python.api_version,
        tags: python.tags,
        user: python.user,
      },
      name,
    );
  }
});

test('vetiver-python coffeeratings: folded ptype text, YAML 1.1 boolean in user', skipWithoutShared, async () => {
  const meta = await fixtureMeta('vetiver-python-written', 'coffeeratings-board', 'v', '20220415T174503Z-06d9b');
  assert.equal(meta.type, 'joblib');
  assert.equal(meta.description, "Scikit-learn model of type <class 'sklearn.linear_model._base.LinearRegression'>");
  assert.deepEqual(meta.user, {
    ptype:
      '{"aroma": 7.5, "flavor": 7.67, "sweetness": 10.0, "acidity": 7.67, "body": 7.58, "uniformity": 10.0, "balance": 7.42}',
    required_pkgs: ['vetiver', 'scikit-learn'],
    save_ptype: true,
  });
});

test('_pins.yaml: pin names stay strings (`y` is not a boolean) and rewriting reproduces pins-r’s file', skipWithoutShared, async () => {
  const text = await readFile(fixturePath('pins-r-written', 'pin-board', '_pins.yaml'), 'utf8');
  const manifest = parseYamlStrings(text, 'the board manifest _pins.yaml');
  assert.deepEqual(manifest, {
    x: ['x/20221215T180351Z-c3943/'],
    y: ['y/20221215T180357Z-9ae7a/', 'y/20221215T180400Z-b81d5/'],
  });
  assert.equal(renderYaml(manifest), text);
});

test('a fixture read, rewritten and read again keeps every field, unknown keys included', skipWithoutShared, async () => {
  const original = await fixtureMeta('pins-r-written', 'single-pins', 'pin-rds');
  const rewritten = renderDataTxt({
    files: original.files,
    fileSizes: original.fileSizes,
    pinHash: original.pinHash ?? '',
    type: original.type,
    title: 'pin-rds: a pinned data frame',
    description: original.description,
    tags: original.tags,
    urls: original.urls,
    created: original.created ?? new Date(0),
    user: original.user,
    unknown: original.unknown,
  });
  const reread = parseDataTxt(rewritten, { pin: 'pin-rds', version: '20210422T202121Z-b1967' });
  assert.deepEqual(reread.unknown, { object: { rows: 10, cols: 1 } });
  assert.deepEqual([reread.files, reread.fileSizes, reread.pinHash], [original.files, original.fileSizes, original.pinHash]);
  assert.equal(reread.description, original.description);
  assert.deepEqual(reread.created, original.created);
});

// ---------------------------------------------------------------- YAML 1.1 traps when reading

test('pin hashes that YAML 1.2 would read as numbers stay strings', () => {
  for (const hash of ['12345e6789012345', '0123456789012345', '1e5', '1234567890123456', '00000000000e0000']) {
    const meta = parseDataTxt(`file: a.csv\nfile_size: 1\npin_hash: ${hash}\ntype: csv\napi_version: 1\n`, where);
    assert.equal(meta.pinHash, hash);
  }
});

test('user metadata follows PyYAML: plain scalars resolve, quoted ones stay strings', () => {
  const text = [
    'file: a.csv',
    'file_size: 1',
    'type: csv',
    'api_version: 1',
    'user:',
    '  plain_yes: yes',
    "  quoted_yes: 'yes'",
    '  off: Off',
    '  y: y',
    '  n: n',
    '  exp_without_dot: 1e5',
    '  exp_with_dot: 1.5e+5',
    '  leading_zero: 0123',
    '  int: 12',
    '  negative: -3',
    '  float: 1.0',
    '  inf: -.inf',
    '  tilde: ~',
    '  empty:',
    '  quoted_empty: ""',
    '  quoted_number: "12"',
    '  date: 2001-01-01',
    '  created: 20221215T180351Z',
    '  huge: 123456789012345678901',
    '  r_code: !expr Sys.time()',
    '  tagged: !!str 5',
    '  block: |',
    '    two',
    '    lines',
    '  nested: {a: [1, "2", true]}',
  ].join('\n');
  assert.deepEqual(parseDataTxt(text, where).user, {
    plain_yes: true,
    quoted_yes: 'yes',
    off: false,
    y: 'y',
    n: 'n',
    exp_without_dot: '1e5',
    exp_with_dot: 150000,
    leading_zero: '0123',
    int: 12,
    negative: -3,
    float: 1,
    inf: -Infinity,
    tilde: null,
    empty: null,
    quoted_empty: '',
    quoted_number: '12',
    date: '2001-01-01',
    created: '20221215T180351Z',
    huge: '123456789012345678901',
    r_code: 'Sys.time()',
    tagged: '5',
    block: 'two\nlines\n',
    nested: { a: [1, '2', true] },
  });
});

test('standard fields: spellings of null, api_version 1 and 1.0, a single tag as a scalar', () => {
  const base = 'file: a.csv\nfile_size: 1\ntype: csv\n';
  for (const spelling of ['~', 'null', 'NULL', '']) {
    const meta = parseDataTxt(`${base}api_version: 1\ndescription: ${spelling}\ntags: ${spelling}\nurls: ${spelling}\n`, where);
    assert.deepEqual([meta.description, meta.tags, meta.urls], [null, null, null], spelling);
  }
  assert.equal(parseDataTxt(`${base}api_version: 1.0\ndescription: 'null'\n`, where).description, 'null');
  assert.equal(parseDataTxt(`${base}api_version: '1'\n`, where).apiVersion, 1);
  const tagged = parseDataTxt(`${base}api_version: 1\ntags: finance\nurls:\n- https://example.com/a\n`, where);
  assert.deepEqual([tagged.tags, tagged.urls], [['finance'], ['https://example.com/a']]);
  assert.deepEqual(parseDataTxt(`${base}api_version: 1\n`, where).user, {});
  // pins-r reads a data.txt without sizes; so do we (there is nothing to check them against).
  assert.deepEqual(parseDataTxt('file: a.csv\ntype: csv\napi_version: 1\n', where).fileSizes, []);
  assert.equal(parseDataTxt(`${base}api_version: 1\ntitle: yes\n`, where).title, 'yes');
});

test('pins-r dev multi-type pins: the first type is the type', () => {
  const meta = parseDataTxt('file: [df-1.rds, df-1.csv]\nfile_size: [10, 20]\ntype: [rds, csv]\napi_version: 1\n', where);
  assert.equal(meta.type, 'rds');
  assert.deepEqual(meta.types, ['rds', 'csv']);
  assert.deepEqual(meta.fileSizes, [10, 20]);
});

test('Windows line endings, a byte-order mark and repeated keys are tolerated', () => {
  const meta = parseDataTxt('\uFEFFfile: a.csv\r\nfile_size: 1\r\ntype: csv\r\ntitle: first\r\ntitle: second\r\napi_version: 1\r\n', where);
  assert.deepEqual([meta.files, meta.title], [['a.csv'], 'second']);
});

test('unknown top-level keys (pins-python `name`, R legacy `!expr`) are kept, not evaluated', () => {
  const meta = parseDataTxt('name: old\nfile: a.csv\nfile_size: 1\ntype: csv\napi_version: 1\nrcall: !expr system("rm -rf /")\n', where);
  assert.deepEqual(meta.unknown, { name: 'old', rcall: 'system("rm -rf /")' });
});

// ---------------------------------------------------------------- corrupt or too new metadata

test('corrupt data.txt: the message names pin, version, problem and a fix', () => {
  const cases: [string, RegExp][] = [
    ['file: [a.csv\n', /is not valid YAML: .*line/],
    ['file: a.csv\n---\nfile: b.csv\n', /is not valid YAML/],
    ['', /is empty/],
    ['- a\n- b\n', /does not hold a YAML mapping.*a list/],
    ['just some text\n', /does not hold a YAML mapping.*"just some text"/],
    ['file_size: 1\ntype: csv\napi_version: 1\n', /no `file` field/],
    ['file: ~\nfile_size: 1\ntype: csv\napi_version: 1\n', /no `file` field/],
    ['file: a.csv\nfile_size: 1\napi_version: 1\n', /no `type` field/],
    ['file: a.csv\nfile_size: 1\ntype: []\napi_version: 1\n', /no `type` field/],
    ['file: a.csv\nfile_size: big\ntype: csv\napi_version: 1\n', /`file_size` that is not a whole number of bytes \("big"\)/],
    ['file: a.csv\nfile_size: 1.5\ntype: csv\napi_version: 1\n', /not a whole number/],
    ['file: a.csv\nfile_size: -1\ntype: csv\napi_version: 1\n', /not a whole number/],
    ['file: [a.csv, b.csv]\nfile_size: [1]\ntype: csv\napi_version: 1\n', /lists 2 file\(s\) but 1 file size\(s\)/],
    ['file: ../../etc/passwd\nfile_size: 1\ntype: file\napi_version: 1\n', /"\.\.\/\.\.\/etc\/passwd", which is a path/],
    ['file: [a.csv, {b: 1}]\nfile_size: [1, 2]\ntype: csv\napi_version: 1\n', /item 2 of `file`/],
    ['file: a.csv\nfile_size: 1\ntype: csv\napi_version: one\n', /`api_version` that is not a number/],
    ['file: a.csv\nfile_size: 1\ntype: csv\napi_version: 1\nuser: [a, b]\n', /a list under `user`/],
    ['file: a.csv\nfile_size: 1\ntype: csv\napi_version: 1\ntitle: [a, b]\n', /a list under `title`/],
  ];
  for (const [text, problem] of cases) {
    const error = corruption(text);
    assert.match(error.message, problem, JSON.stringify(text));
    assert.ok(error.message.includes('pin "sales" version 20240102T030405Z-abcde'), error.message);
    assert.ok(error.message.includes('sales/20240102T030405Z-abcde/data.txt'), error.message);
    assert.ok(error.message.includes('`pinwheel delete sales --version 20240102T030405Z-abcde`'), error.message);
  }
});

test('an alias bomb is refused quickly instead of expanding', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 9; level += 1) {
    const previous = String.fromCharCode(96 + level);
    const current = String.fromCharCode(97 + level);
    levels.push(`${current}: &${current} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  const started = Date.now();
  const error = corruption(`file: a.csv\nfile_size: 1\ntype: csv\napi_version: 1\n${levels.join('\n')}\n`);
  assert.match(error.message, /too many aliases/);
  assert.ok(Date.now() - started < 2000);
});

test('api_version 2 or later asks for a newer Pinwheel', () => {
  for (const apiVersion of ['2', '2.0', '10']) {
    assert.throws(
      () => parseDataTxt(`file: a.csv\nfile_size: 1\ntype: csv\napi_version: ${apiVersion}\n`, where),
      (error) =>
        isPinsError(error, 'unsupported-type') &&
        error.message.includes('Pin "sales" version 20240102T030405Z-abcde') &&
        error.message.includes(`api_version ${apiVersion}`) &&
        /upgrade Pinwheel/.test(error.message),
    );
  }
});

test('parseYamlStrings: every scalar is a string; bad YAML names the file', () => {
  assert.deepEqual(parseYamlStrings("a: 1\n'y': [yes, ~, 1e5]\n", 'x'), { a: '1', y: ['yes', '~', '1e5'] });
  assert.equal(parseYamlStrings('', 'x'), null);
  assert.throws(
    () => parseYamlStrings('a: [1\n', 'the board manifest /data/board/_pins.yaml'),
    (error) => isPinsError(error, 'corrupt-metadata') && error.message.includes('/data/board/_pins.yaml'),
  );
});

// ---------------------------------------------------------------- writing

const csvPin: NewPinMeta = {
  files: ['df_csv.csv'],
  fileSizes: [28],
  pinHash: '9bfad6d1a322a904',
  type: 'csv',
  title: 'df_csv: a pinned 2 x 3 data frame',
  description: null,
  tags: null,
  urls: null,
  created: new Date(Date.UTC(2022, 1, 14, 16, 37, 20)),
  user: {},
};

test('renderDataTxt writes pins-r’s key order, api_version 1 and an empty user map', () => {
  assert.equal(
    renderDataTxt(csvPin),
    [
      'file: df_csv.csv',
      'file_size: 28',
      'pin_hash: 9bfad6d1a322a904',
      'type: csv',
      "title: 'df_csv: a pinned 2 x 3 data frame'",
      'description: null',
      'tags: null',
      'urls: null',
      'created: 20220214T163720Z',
      'api_version: 1',
      'user: {}',
      '',
    ].join('\n'),
  );
});

test('several files are written as lists; tags, urls and nested user metadata as blocks', () => {
  const text = renderDataTxt({
    ...csvPin,
    files: ['first.txt', 'second.txt'],
    fileSizes: [8, 10],
    pinHash: '393118599e84ff4b',
    type: 'file',
    title: 'two files',
    description: 'A pin containing 2 files',
    tags: ['finance', 'yes'],
    urls: [],
    user: { 'y': true, model: { layers: [16, 8], rate: 0.5, name: null }, runs: [{ seed: 1 }, []] },
  });
  assert.equal(
    text,
    [
      'file:',
      '- first.txt',
      '- second.txt',
      'file_size:',
      '- 8',
      '- 10',
      'pin_hash: 393118599e84ff4b',
      'type: file',
      'title: two files',
      'description: A pin containing 2 files',
      'tags:',
      '- finance',
      "- 'yes'",
      'urls: []',
      'created: 20220214T163720Z',
      'api_version: 1',
      'user:',
      "  'y': true",
      '  model:',
      '    layers:',
      '    - 16',
      '    - 8',
      '    rate: 0.5',
      '    name: null',
      '  runs:',
      '  - seed: 1',
      '  - []',
      '',
    ].join('\n'),
  );
});

test('strings any YAML reader could misread are quoted', () => {
  const text = renderDataTxt({ ...csvPin, pinHash: '12345e6789012345', title: 'y', description: 'line one\nline two\ttabbed' });
  assert.match(text, /^pin_hash: '12345e6789012345'$/m);
  assert.match(text, /^title: 'y'$/m);
  assert.match(text, /^description: "line one\\nline two\\ttabbed"$/m);
  assert.equal(parse(text).pin_hash, '12345e6789012345'); // YAML 1.2 core schema
});

test('unknown keys are written after the standard ones; standard names in `unknown` are ignored', () => {
  const text = renderDataTxt({ ...csvPin, unknown: { object: { rows: 10 }, title: 'not this', name: 'old' } });
  assert.ok(text.endsWith('user: {}\nobject:\n  rows: 10\nname: old\n'), text);
  assert.equal(parseDataTxt(text, where).title, csvPin.title);
});

test('non-finite and negative-zero numbers are written in YAML’s own forms and read back', () => {
  const user = { nan: NaN, inf: Infinity, negInf: -Infinity, negZero: -0, tiny: 1e-7, big: 1e21, unsafe: 2 ** 60 };
  const text = renderDataTxt({ ...csvPin, user });
  assert.match(text, /'nan': \.nan\n {2}'inf': \.inf\n {2}negInf: -\.inf\n {2}negZero: -0\.0\n {2}tiny: 1\.0e-7\n {2}big: 1\.0e\+21\n/);
  assert.deepEqual(parseDataTxt(text, where).user, user);
});

test('a key longer than YAML’s 1024-character limit for simple keys is written as an explicit key', () => {
  const key = 'k'.repeat(1500);
  const text = renderDataTxt({ ...csvPin, user: { [key]: { a: 1 }, short: [1] } });
  assert.ok(text.includes(`\n  ? ${key}\n  : a: 1\n`), text.slice(-80));
  assert.deepEqual(parseDataTxt(text, where).user, { [key]: { a: 1 }, short: [1] });
  assert.deepEqual(parse(text).user, { [key]: { a: 1 }, short: [1] });
});

test('renderYaml writes scalars, empty collections and Dates', () => {
  assert.equal(renderYaml({}), '{}\n');
  assert.equal(renderYaml([]), '[]\n');
  assert.equal(renderYaml('on'), "'on'\n");
  assert.equal(renderYaml(null), 'null\n');
  assert.equal(renderYaml({ when: new Date(Date.UTC(2024, 0, 2)) }), "when: '2024-01-02T00:00:00.000Z'\n");
  assert.equal(renderYaml({ kept: 1, dropped: undefined, list: [undefined] }), 'kept: 1\nlist:\n- null\n');
});

test('renderDataTxt refuses metadata it could not write faithfully, saying what is wrong', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const cases: [Partial<NewPinMeta>, RegExp][] = [
    [{ files: [], fileSizes: [] }, /at least one file/],
    [{ files: ['a.csv', 'b.csv'] }, /2 file\(s\) but 1 file size/],
    [{ files: ['data.txt'] }, /metadata file itself/],
    [{ files: ['../a.csv'] }, /is a path/],
    [{ fileSizes: [-1] }, /not a whole number/],
    [{ fileSizes: [1.5] }, /not a whole number/],
    [{ pinHash: '' }, /pin hash is empty/],
    [{ type: ' ' }, /type is empty/],
    [{ created: new Date('nope') }, /invalid date/],
    [{ tags: ['ok', 3 as unknown as string] }, /tags must be a list of text/],
    [{ user: [1, 2] as unknown as Record<string, unknown> }, /user metadata must be a mapping/],
    [{ user: circular }, /user\.self: it contains itself/],
    [{ user: { weights: new Map() } }, /user\.weights: a Map has no YAML form/],
    [{ user: { id: 10n } }, /user\.id: a bigint has no YAML form/],
    [{ user: { text: 'broken \ud800 surrogate' } }, /user\.text: it contains an unpaired UTF-16 surrogate/],
  ];
  for (const [override, problem] of cases) {
    assert.throws(
      () => renderDataTxt({ ...csvPin, ...override }),
      (error) => isPinsError(error, 'invalid-argument') && problem.test(error.message),
      String(problem),
    );
  }
});
