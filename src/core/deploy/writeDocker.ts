// `pinwheel write-docker`: an app folder that is also a self-contained Docker build context
// (vetiver's prepare_docker): the pin version is copied into board/, so the image needs no
// access to the original board.
import path from 'node:path';
import { FLAT_VERSION, META_FILE, type Board } from '../pins/index.js';
import { defaultImageName } from './deployNames.js';
import { DOCKER_BOARD_FOLDER, dockerfile, DOCKERIGNORE } from './dockerfile.js';
import { writeOutputFolder, type PlannedFile } from './outputFolder.js';
import { resolveServedPin, type ServedPin } from './servedPin.js';
import { appFolderFiles, type WriteAppOptions, type WrittenFolder } from './writeApp.js';

/** As writeApp's, but the image reads its own copy of the board, not the user's. */
export type WriteDockerOptions = Omit<WriteAppOptions, 'boardUri'>;

export interface WrittenDockerFolder extends WrittenFolder {
  /** The image name the README and the next command use: `<name>:<version>`, made valid. */
  image: string;
}

/** The pin version as a one-pin board: data.txt and the model files, byte for byte. */
async function boardCopy(board: Board, pin: ServedPin): Promise<PlannedFile[]> {
  const meta = await board.meta(pin.name, pin.version);
  const folder = pin.version === FLAT_VERSION ? pin.name : `${pin.name}/${pin.version}`;
  const sources = await board.download(pin.name, { version: pin.version });
  return [
    { path: `${DOCKER_BOARD_FOLDER}/${folder}/${META_FILE}`, content: await board.storage.read(`${folder}/${META_FILE}`) },
    ...meta.files.map((file, index) => ({ path: `${DOCKER_BOARD_FOLDER}/${folder}/${file}`, copyFrom: sources[index] as string })),
  ];
}

/**
 * Writes a Docker build context serving `name` (at `version`, else the latest now): the app
 * files, board/ with that version, a Dockerfile and a .dockerignore. Refuses what writeApp refuses.
 */
export async function writeDocker(options: WriteDockerOptions): Promise<WrittenDockerFolder> {
  const pin = await resolveServedPin(options.board, options.name, options.version);
  const out = path.resolve(options.cwd ?? process.cwd(), options.outDir);
  const image = defaultImageName(pin.name, pin.version);
  const planned = [
    // The app finds the board next to app.js, both in the image and when run from this folder.
    ...(await appFolderFiles(pin, { board: DOCKER_BOARD_FOLDER, flavour: 'docker', image, ...(options.install ? { install: options.install } : {}) })),
    { path: 'Dockerfile', content: dockerfile({ pin: pin.name, version: pin.version, image }) },
    { path: '.dockerignore', content: DOCKERIGNORE },
    ...(await boardCopy(options.board, pin)),
  ];
  const files = await writeOutputFolder(out, planned, { overwrite: options.overwrite ?? false, wholeFolders: [DOCKER_BOARD_FOLDER] });
  return { out, files, name: pin.name, version: pin.version, image };
}
