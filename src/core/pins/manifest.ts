// The board manifest `_pins.yaml` (spec §1.8), written by pins-r's write_board_manifest() so
// that board_url("<board url>/") can find every version over plain HTTP. Pinwheel never creates
// one, but keeps an existing one true after every change, or R readers would miss new versions.
import { PinsError } from './errors.js';
import { parseYamlStrings, renderYaml } from './format/meta.js';
import type { BoardStorage } from './storage.js';

export const MANIFEST_FILE = '_pins.yaml';

/** Pin name → version folders relative to the board root, each ending in '/', oldest first. */
export type Manifest = Record<string, string[]>;

/** What the manifest needs from a board (kept minimal so Board and manifest don't depend on each other's internals). */
export interface ManifestSource {
  readonly storage: BoardStorage;
  list(): Promise<string[]>;
  versions(name: string): Promise<{ version: string }[]>;
}

/** The board's manifest, or undefined when it has none. */
export async function readManifest(storage: BoardStorage): Promise<Manifest | undefined> {
  if ((await storage.stat(MANIFEST_FILE))?.kind !== 'file') return undefined;
  const where = `${MANIFEST_FILE} of the ${storage.description}`;
  const parsed = parseYamlStrings(new TextDecoder('utf-8').decode(await storage.read(MANIFEST_FILE)), where);
  if (parsed === null || parsed === undefined || parsed === '') return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PinsError('corrupt-metadata', `${where} is not a mapping of pin names to version folders.`);
  }
  const manifest: Manifest = {};
  for (const [pin, entries] of Object.entries(parsed as Record<string, unknown>)) {
    const list = entries === null || entries === '' ? [] : entries;
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) {
      throw new PinsError('corrupt-metadata', `${where}: the entry for pin "${pin}" should be a list of version folders like "${pin}/20221215T180351Z-c3943/".`);
    }
    manifest[pin] = list as string[];
  }
  return manifest;
}

/** The manifest describing the board as it is now: every pin, sorted, with its versions oldest first. */
export async function buildManifest(board: ManifestSource): Promise<Manifest> {
  const manifest: Manifest = {};
  for (const pin of await board.list()) {
    const versions = await board.versions(pin).catch(() => []);
    // A flat pin (data.txt directly in the pin folder, version '.') is served from the pin folder itself.
    manifest[pin] = versions.map(({ version }) => (version === '.' ? `${pin}/` : `${pin}/${version}/`));
  }
  return manifest;
}

export function renderManifest(manifest: Manifest): string {
  return renderYaml(manifest);
}

/** Rewrites `_pins.yaml` if the board has one; a board without a manifest never gets one. */
export async function rewriteManifestIfPresent(board: ManifestSource): Promise<boolean> {
  if ((await board.storage.stat(MANIFEST_FILE))?.kind !== 'file') return false;
  const text = renderManifest(await buildManifest(board));
  await board.storage.write(MANIFEST_FILE, new TextEncoder().encode(text));
  return true;
}
