// The "local" board must be the very folder pins uses, so both see the same pins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localBoardPath } from '../../src/core/pins/storage/localBoardPath.js';

const linux = { platform: 'linux' as const, home: '/home/ada' };
const mac = { platform: 'darwin' as const, home: '/Users/ada' };
const windows = { platform: 'win32' as const, home: 'C:\\Users\\ada' };

test('pins-python local board: PINS_DATA_DIR wins on every platform', () => {
  for (const info of [linux, mac, windows]) {
    assert.equal(localBoardPath('python', { ...info, env: { PINS_DATA_DIR: '/srv/pins' } }), '/srv/pins');
  }
});

test('pins-python local board follows appdirs user_data_dir("pins-py")', () => {
  assert.equal(localBoardPath('python', { ...linux, env: {} }), '/home/ada/.local/share/pins-py');
  assert.equal(localBoardPath('python', { ...linux, env: { XDG_DATA_HOME: '/data/xdg' } }), '/data/xdg/pins-py');
  assert.equal(localBoardPath('python', { ...mac, env: {} }), '/Users/ada/Library/Application Support/pins-py');
  assert.equal(
    localBoardPath('python', { ...windows, env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' } }),
    'C:\\Users\\ada\\AppData\\Local\\pins-py\\pins-py',
  );
});

test('an empty PINS_DATA_DIR is treated as unset', () => {
  assert.equal(localBoardPath('python', { ...linux, env: { PINS_DATA_DIR: '' } }), '/home/ada/.local/share/pins-py');
});

test('pins-r local board follows rappdirs user_data_dir("pins") and honours R_USER_DATA_DIR', () => {
  assert.equal(localBoardPath('r', { ...linux, env: {} }), '/home/ada/.local/share/pins');
  assert.equal(localBoardPath('r', { ...linux, env: { XDG_DATA_HOME: '/data/xdg' } }), '/data/xdg/pins');
  assert.equal(localBoardPath('r', { ...linux, env: { R_USER_DATA_DIR: '/r/data', XDG_DATA_HOME: '/data/xdg' } }), '/r/data/pins');
  assert.equal(localBoardPath('r', { ...mac, env: {} }), '/Users/ada/Library/Application Support/pins');
  assert.equal(
    localBoardPath('r', { ...windows, env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' } }),
    'C:\\Users\\ada\\AppData\\Local\\pins\\pins',
  );
});

test('pins-r ignores PINS_DATA_DIR, as board_local() does', () => {
  assert.equal(localBoardPath('r', { ...linux, env: { PINS_DATA_DIR: '/srv/pins' } }), '/home/ada/.local/share/pins');
});
