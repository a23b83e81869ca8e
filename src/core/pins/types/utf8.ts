// Text pins (csv, json, the legacy table's data.csv) are UTF-8, as pandas and R write them.
import { corruptData, type DataLocation } from './dataLocation.js';

export function decodeUtf8(bytes: Uint8Array, where: DataLocation, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // also drops a leading BOM
  } catch (error) {
    throw corruptData(where, `is not valid UTF-8 text, so it cannot be read as ${what}`, {
      hint: 'pins reads and writes UTF-8: if the file was saved in another encoding, save it again as UTF-8.',
      cause: error,
    });
  }
}
