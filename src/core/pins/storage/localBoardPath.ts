// Where pins keeps its "local" board (board_local()), so Pinwheel shares it with pins.
//
// pins-python: env PINS_DATA_DIR, else appdirs.user_data_dir("pins-py") (PP pins/config.py):
//   Linux   $XDG_DATA_HOME/pins-py, or ~/.local/share/pins-py
//   macOS   ~/Library/Application Support/pins-py
//   Windows %LOCALAPPDATA%\pins-py\pins-py   (appdirs repeats the name: appauthor defaults to appname)
// pins-r: rappdirs::user_data_dir("pins") (PR R/board_folder.R board_local), no PINS_DATA_DIR;
//   rappdirs takes env R_USER_DATA_DIR as the base when set, else the platform base above; then
//   appends "pins" (Linux, macOS) or "pins\pins" (Windows, again author = name).
import os from 'node:os';
import path from 'node:path';

export type LocalBoardFlavour = 'python' | 'r';

export interface PlatformInfo {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

function currentPlatform(): PlatformInfo {
  return { env: process.env, platform: process.platform, home: os.homedir() };
}

export function localBoardPath(flavour: LocalBoardFlavour, info: PlatformInfo = currentPlatform()): string {
  const { env, platform, home } = info;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

  if (flavour === 'python') {
    const override = nonEmpty(env.PINS_DATA_DIR);
    if (override) return override;
    return appendAppName(platformDataDir(info), 'pins-py', platform, join);
  }
  const base = nonEmpty(env.R_USER_DATA_DIR) ?? platformDataDir(info);
  return appendAppName(base, 'pins', platform, join);

  function platformDataDir({ env: e }: PlatformInfo): string {
    if (platform === 'win32') {
      return nonEmpty(e.LOCALAPPDATA) ?? join(nonEmpty(e.USERPROFILE) ?? home, 'AppData', 'Local');
    }
    if (platform === 'darwin') return join(home, 'Library', 'Application Support');
    return nonEmpty(e.XDG_DATA_HOME) ?? join(home, '.local', 'share');
  }
}

function appendAppName(base: string, app: string, platform: NodeJS.Platform, join: (...parts: string[]) => string): string {
  return platform === 'win32' ? join(base, app, app) : join(base, app);
}
