// Every user error exits with status 1 and one paragraph on stderr that names the problem,
// with no stack trace; --help works for every command.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { reportError, shellQuote, withBoardInSuggestions } from '../../src/cli/errors.js';
import { repoRoot } from '../support/sharedFixtures.js';
import { assertUserError, ensureCliBuilt, pinwheel, pinwheelOk, tempFolders } from './cli-harness.js';

const temp = tempFolders('cli-errors');
let board = '';
let csv = '';
let parent = '';

before(async () => {
  await ensureCliBuilt();
  // parent/board is the board; parent/ also holds the input file, so escapes would land in parent/.
  parent = await temp.make();
  board = path.join(parent, 'board');
  await mkdir(board);
  csv = path.join(parent, 'input.csv');
  await writeFile(csv, 'x,y\n1,a\n2,b\n');
  await pinwheelOk(['write', csv, '--name', 'existing', '--board', board]);
});
after(() => temp.cleanup());

const b = () => ['--board', board];

describe('user errors: exit 1, one paragraph, no stack trace', { concurrency: 4 }, () => {
  test('a board folder that does not exist', async () => {
    const missing = path.join(parent, 'no-such-board');
    assertUserError(await pinwheel(['list', '--board', missing]), 'no-such-board');
  });

  test('PINWHEEL_DEBUG=1 adds the stack trace, for bug reports', async () => {
    const result = await pinwheel(['meta', 'missing_pin', ...b()], { env: { PINWHEEL_DEBUG: '1' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /missing_pin/);
    assert.match(result.stderr, /^\s+at .+/m);
  });

  test('no --board and no PINWHEEL_BOARD', async () => {
    assertUserError(await pinwheel(['list']), '--board', 'PINWHEEL_BOARD');
  });

  test('PINWHEEL_BOARD is used when --board is absent', async () => {
    const result = await pinwheel(['list', '--json'], { env: { PINWHEEL_BOARD: board } });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), ['existing']);
  });

  test('a pin that does not exist', async () => {
    for (const command of ['meta', 'read', 'versions', 'delete']) {
      assertUserError(await pinwheel([command, 'missing_pin', ...b()]), 'missing_pin');
    }
    assertUserError(await pinwheel(['download', 'missing_pin', '--to', path.join(parent, 'dl'), ...b()]), 'missing_pin');
    assert.ok(!(await readdir(parent)).includes('dl'), 'a failed download must not create the target folder');
  });

  test('commands suggested in a message carry the --board the user passed, so they can be copied', async () => {
    const passed = await pinwheel(['meta', 'missing_pin', ...b()]);
    assertUserError(passed, `\`pinwheel list --board ${board}\``);
    const fromEnv = await pinwheel(['meta', 'missing_pin'], { env: { PINWHEEL_BOARD: board } });
    assertUserError(fromEnv, '`pinwheel list`');
  });

  test('a version that does not exist', async () => {
    for (const command of ['meta', 'read', 'delete']) {
      assertUserError(await pinwheel([command, 'existing', '--version', '20200101T000000Z-abcde', ...b()]), 'existing', '20200101T000000Z-abcde');
    }
  });

  test('--metadata that is not a JSON object', async () => {
    assertUserError(await pinwheel(['write', csv, '--name', 'p', '--metadata', '{source: crm}', ...b()]), '--metadata', 'JSON', '{source: crm}');
    assertUserError(await pinwheel(['write', csv, '--name', 'p', '--metadata', '[1, 2]', ...b()]), '--metadata', 'object');
  });

  test('--metadata with a whole number JavaScript cannot hold exactly, at any depth, is refused', async () => {
    for (const json of ['{"big": 12345678901234567890}', '{"a": {"b": [1, "9999999999999999999", -12345678901234567890]}}']) {
      assertUserError(await pinwheel(['write', csv, '--name', 'p', '--metadata', json, ...b()]),
        '--metadata', '12345678901234567890 cannot be stored exactly', /as a string \("-?12345678901234567890"\)/);
    }
  });

  test('--keep and --days must be positive whole numbers, exactly one of them', async () => {
    const keepAbc = await pinwheel(['prune', 'existing', '--keep', 'abc', ...b()]);
    assertUserError(keepAbc, "--keep must be a whole number of at least 1, got 'abc'");
    assertUserError(await pinwheel(['prune', 'existing', '--keep', '0', ...b()]), "--keep must be a whole number of at least 1, got '0'");
    assertUserError(await pinwheel(['prune', 'existing', '--days', '1.5', ...b()]), '--days', "'1.5'");
    // A negative number after the flag is its value (not a flag), and gets the direct message.
    for (const keep of [['--keep', '-1'], ['--keep=-1']]) {
      const result = await pinwheel(['prune', 'existing', ...keep, ...b()]);
      assertUserError(result, "--keep must be a whole number of at least 1, got '-1'");
      assert.doesNotMatch(result.stderr, /really is the value/);
    }
    assertUserError(await pinwheel(['prune', 'existing', '--days', '-1.5', ...b()]), "--days must be a whole number of at least 1, got '-1.5'");
    assertUserError(await pinwheel(['prune', 'existing', ...b()]), '--keep', '--days');
    assertUserError(await pinwheel(['prune', 'existing', '--keep', '1', '--days', '1', ...b()]), 'exactly one');
  });

  test('an unknown command suggests the closest one', async () => {
    assertUserError(await pinwheel(['lsit', ...b()]), "'lsit'", "'list'");
    assertUserError(await pinwheel([]), 'no command');
  });

  test('an unknown flag, a flag without its value, a value for a switch', async () => {
    assertUserError(await pinwheel(['list', '--verbose', ...b()]), '--verbose', '--board');
    assertUserError(await pinwheel(['list', '--board']), '--board needs a value');
    assertUserError(await pinwheel(['list', '--json=yes', ...b()]), '--json');
  });

  test('missing and extra arguments', async () => {
    assertUserError(await pinwheel(['versions', ...b()]), 'NAME');
    assertUserError(await pinwheel(['versions', 'a', 'b', ...b()]), "'b'");
    assertUserError(await pinwheel(['write', csv, ...b()]), '--name');
  });

  test('write: a missing input file, a directory, a type Pinwheel cannot write, json that is not a table', async () => {
    assertUserError(await pinwheel(['write', path.join(parent, 'nope.csv'), '--name', 'p', ...b()]), 'nope.csv');
    assertUserError(await pinwheel(['write', parent, '--name', 'p', ...b()]), 'not a file');
    assertUserError(await pinwheel(['write', csv, '--name', 'p', '--type', 'rds', ...b()]), '--type', "'rds'", 'file');
    const scalar = path.join(parent, 'scalar.json');
    await writeFile(scalar, '42');
    assertUserError(await pinwheel(['write', scalar, '--name', 'p', '--type', 'csv', ...b()]), 'scalar.json', '--type json');
  });

  test('write: several files only as one file pin, with distinct names', async () => {
    assertUserError(await pinwheel(['write', csv, csv, '--name', 'p', '--type', 'csv', ...b()]), 'csv pin holds one data file', '2 files', '--type file');
    assertUserError(await pinwheel(['write', csv, path.join(parent, 'nope.bin'), '--name', 'p', ...b()]), 'nope.bin');
    assertUserError(await pinwheel(['write', csv, csv, '--name', 'p', ...b()]), 'input.csv');
  });

  test('a data file that does not decode as its type is rejected, naming the file', async () => {
    const broken = path.join(parent, 'broken.parquet');
    await writeFile(broken, 'this is not parquet');
    const result = await pinwheel(['write', broken, '--name', 'broken', ...b()]);
    assertUserError(result, 'broken.parquet', 'parquet', '--type');
    // Advice for damaged board files (read an older version) would mislead for an input file.
    assert.doesNotMatch(result.stderr, /older version/);
  });

  test('hostile pin names are refused and nothing is written outside the board', async () => {
    const attempts = [
      ...['../x', '..', 'a/b', 'a\\b', '.hidden', '_pins.yaml'].map((name) => ['write', csv, '--name', name]),
      ['meta', '../x'],
      ['read', 'a/../../x'],
      ['delete', '..'],
      ['versions', '../board'],
      ['download', '../board', '--to', path.join(parent, 'dl-hostile')],
    ];
    const results = await Promise.all(attempts.map((args) => pinwheel([...args, ...b()])));
    for (const result of results) assertUserError(result, /name/i);
    assert.ok(!(await readdir(parent)).includes('x'), 'nothing may be written beside the board');
    assert.deepEqual(await readdir(board), ['existing']);
  });
});

describe('help', { concurrency: true }, () => {
  test('pinwheel --version and -V print the version from package.json', async () => {
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(await pinwheelOk(['--version']), `pinwheel ${version}\n`);
    assert.equal(await pinwheelOk(['-V']), `pinwheel ${version}\n`);
  });

  test('pinwheel --help lists every command', async () => {
    const out = await pinwheelOk(['--help']);
    for (const command of ['list', 'search', 'versions', 'meta', 'read', 'write', 'download', 'delete', 'prune']) {
      assert.match(out, new RegExp(`^ {2}${command}\\s`, 'm'), command);
    }
    assert.match(out, /Exit status: 0 on success, 1 /);
  });

  test('every command has --help with usage, options, the --json shape and examples', async () => {
    for (const command of ['list', 'search', 'versions', 'meta', 'read', 'write', 'download', 'delete', 'prune']) {
      const out = await pinwheelOk([command, '--help']);
      assert.match(out, new RegExp(`^Usage: pinwheel ${command}`, 'm'), command);
      assert.match(out, /--board URI/, command);
      assert.match(out, /^--json prints:/m, command);
      assert.match(out, /^Examples:\n {2}pinwheel /m, command);
    }
    assert.equal(await pinwheelOk(['help', 'prune']), await pinwheelOk(['prune', '--help']));
  });

  test("write --help states the real pin name rules, not just 'letters, digits, - _ .'", async () => {
    const help = (await pinwheelOk(['write', '--help'])).replace(/\s+/g, ' ');
    assert.match(help, /--name N the pin name \(required\)\. It becomes a folder name, so it may not contain '\/', '\\', control characters/);
    assert.match(help, /start with '\.'/);
    assert.match(help, /_pins\.yaml/);
    assert.match(help, /Letters, digits, '-', '_' and '\.' are safest for R and Python users/);
  });
});

describe('adding --board to suggested commands', () => {
  test('every backticked pinwheel command gets it, shell-quoted when needed; others are left alone', () => {
    assert.equal(
      withBoardInSuggestions('Run `pinwheel list` or `pinwheel delete p --version V`; `mkdir -p x` is not ours.', "/data/my board's"),
      "Run `pinwheel list --board '/data/my board'\\''s'` or `pinwheel delete p --version V --board '/data/my board'\\''s'`; `mkdir -p x` is not ours.",
    );
    assert.equal(withBoardInSuggestions('Run `pinwheel list --board ./b`.', './other'), 'Run `pinwheel list --board ./b`.');
    assert.equal(withBoardInSuggestions('Run `pinwheel list`.', undefined), 'Run `pinwheel list`.');
    assert.equal(shellQuote('./my-board'), './my-board');
    assert.equal(shellQuote('C:\\boards\\b'), "'C:\\boards\\b'");
  });
});

// Bugs cannot be provoked through the CLI on purpose, so the reporting rule is checked directly.
describe('how an unexpected error is reported', () => {
  test('a bug exits 2 with a "this is a bug" message and no stack unless PINWHEEL_DEBUG=1', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'files')");
    const quiet = reportError(bug, false);
    assert.equal(quiet.exitCode, 2);
    assert.match(quiet.text, /^Internal error: Cannot read properties of undefined/);
    assert.match(quiet.text, /bug in Pinwheel/);
    assert.match(quiet.text, /PINWHEEL_DEBUG=1/);
    assert.doesNotMatch(quiet.text, /^\s+at /m);
    assert.match(reportError(bug, true).text, /^\s+at /m);
  });

  test("a problem of the user's machine (permission, full disk) exits 1 and names the path", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/data/board/x'"), { code: 'EACCES', syscall: 'open', path: '/data/board/x' });
    const report = reportError(denied, false);
    assert.equal(report.exitCode, 1);
    assert.match(report.text, /'\/data\/board\/x'.*permission denied/);
  });
});
