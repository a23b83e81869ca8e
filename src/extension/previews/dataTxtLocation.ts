// Which board, pin and version a data.txt file belongs to, from its path alone:
//   <board>/<pin>/<version>/data.txt   (pins-python, pins-r, Pinwheel)
//   <board>/<pin>/data.txt             (pins-r's old unversioned pins)
import path from 'node:path';
import { FLAT_VERSION, isVersionName, MANIFEST_FILE, META_FILE } from '../../core/pins/index.js';

export interface DataTxtLocation {
  boardFolder: string;
  pin: string;
  /** A version folder's name, or "." for an unversioned pin. */
  version: string;
}

/**
 * `exists` is asked about _pins.yaml, which settles a folder that is not named like a version
 * (pins-r's legacy `v`): the board holds _pins.yaml. Without one, a version name decides.
 */
export async function dataTxtLocation(file: string, exists: (file: string) => Promise<boolean>): Promise<DataTxtLocation | undefined> {
  if (path.basename(file) !== META_FILE) return undefined;
  const folder = path.dirname(file);
  const parent = path.dirname(folder);
  const grandparent = path.dirname(parent);
  const versioned = { boardFolder: grandparent, pin: path.basename(parent), version: path.basename(folder) };
  const flat = { boardFolder: parent, pin: path.basename(folder), version: FLAT_VERSION };
  if (isVersionName(path.basename(folder))) return versioned;
  if (await exists(path.join(grandparent, MANIFEST_FILE))) return versioned;
  if (await exists(path.join(parent, MANIFEST_FILE))) return flat;
  // A data.txt in a folder with no version name and no manifest around: pins-r's flat layout.
  return parent === folder ? undefined : flat;
}
