// `pinwheel write-app`: a folder that serves one model pin version with Pinwheel's own server,
// runnable with `npm ci && node app.js` on any machine with Node 20 (vetiver's write_app).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PinsError, type Board } from '../pins/index.js';
import { installedOnnxRuntimeVersion } from '../vetiver/index.js';
import { APP_CONFIG_FILE, APP_GITIGNORE, APP_SERVER_FILE, appConfigJson, appJs, appPackageJson, appReadme, type AppConfig, type AppFlavour } from './appFiles.js';
import { appLockfile, lockedVersions } from './appLockfile.js';
import { appPackageName } from './deployNames.js';
import { writeOutputFolder, type PlannedFile } from './outputFolder.js';
import { locatePinwheelInstall, readPinwheelLockfile, requireServerBundle, type PinwheelInstall } from './pinwheelInstall.js';
import { appBoardFolder, resolveServedPin, type ServedPin } from './servedPin.js';

export interface WriteAppOptions {
  board: Board;
  /** The board as the user named it (a folder, file:///…, local): the app reads that folder. */
  boardUri: string;
  name: string;
  /** Default: the latest version now; the app keeps serving it after newer ones are pinned. */
  version?: string;
  outDir: string;
  /** Replace files a previous write left (default: refuse, naming the first one). */
  overwrite?: boolean;
  /** Base of a relative boardUri and outDir (default: the process's working folder). */
  cwd?: string;
  /** Where Pinwheel is installed (default: found from this module); tests point it elsewhere. */
  install?: PinwheelInstall;
}

export interface WrittenFolder {
  /** The absolute output folder. */
  out: string;
  /** The files written, relative to `out`, with '/'. */
  files: string[];
  name: string;
  version: string;
}

/** The app's only runtime dependency: the server bundle has everything else inside. */
const APP_DEPENDENCIES = ['onnxruntime-node'];

/** The exact versions to install, checked against what is installed next to Pinwheel. */
function lockedDependencies(lock: unknown, source: string): Record<string, string> {
  const versions = lockedVersions(lock, APP_DEPENDENCIES, source);
  const installed = installedOnnxRuntimeVersion();
  const locked = versions['onnxruntime-node'];
  if (installed !== null && installed !== locked) {
    throw new PinsError('not-readable', `${source} locks onnxruntime-node ${locked}, but ${installed} is installed: the lockfile is out of date. Run \`npm install\` in Pinwheel's folder, then write the app again.`);
  }
  return versions;
}

/** Every file of an app folder except what the Docker flavour adds. */
export async function appFolderFiles(pin: ServedPin, options: { board: string; flavour: AppFlavour; image?: string; install?: PinwheelInstall }): Promise<PlannedFile[]> {
  const install = options.install ?? locatePinwheelInstall();
  const bundle = requireServerBundle(install);
  const { file: lockFile, lock } = readPinwheelLockfile(install);
  const dependencies = lockedDependencies(lock, lockFile);
  const config: AppConfig = { board: options.board, pin: pin.name, version: pin.version };
  const packageName = appPackageName(pin.name);
  const lockfile = appLockfile(lock, { name: packageName, version: '1.0.0', dependencies, engines: { node: '>=20' } }, lockFile);
  const texts = { config, onnxruntime: dependencies['onnxruntime-node'] ?? '', flavour: options.flavour, ...(options.image ? { image: options.image } : {}) };
  const files: PlannedFile[] = [
    { path: 'app.js', content: appJs(config) },
    { path: APP_CONFIG_FILE, content: appConfigJson(config) },
    { path: 'package.json', content: appPackageJson(packageName, config, dependencies) },
    { path: 'package-lock.json', content: `${JSON.stringify(lockfile, null, 2)}\n` },
    { path: 'README.md', content: appReadme(texts) },
    { path: '.gitignore', content: APP_GITIGNORE },
    { path: APP_SERVER_FILE, copyFrom: bundle },
  ];
  const map = `${bundle}.map`;
  if (await stat(map).then(() => true, () => false)) files.push({ path: `${APP_SERVER_FILE}.map`, copyFrom: map });
  return files;
}

/**
 * Writes an app folder serving `name` (at `version`, else the latest now) from the board
 * folder. Throws ModelError 'not-servable' for models Pinwheel cannot serve, PinsError for a
 * missing pin or version, a temp board, an unbuilt Pinwheel, or existing files without overwrite.
 */
export async function writeApp(options: WriteAppOptions): Promise<WrittenFolder> {
  const cwd = options.cwd ?? process.cwd();
  const board = appBoardFolder(options.boardUri, cwd);
  const pin = await resolveServedPin(options.board, options.name, options.version);
  const out = path.resolve(cwd, options.outDir);
  const planned = await appFolderFiles(pin, { board, flavour: 'app', ...(options.install ? { install: options.install } : {}) });
  const files = await writeOutputFolder(out, planned, { overwrite: options.overwrite ?? false });
  return { out, files, name: pin.name, version: pin.version };
}
