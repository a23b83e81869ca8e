import type { PinMeta } from '../core/pins/index.js';
import { isoOrNull } from './output.js';

/**
 * The JSON form of a pin version's metadata printed by `meta --json` and `search --json`.
 * Keys follow data.txt's snake_case names; `files`/`file_sizes` are always arrays, `created`
 * is ISO-8601 UTC and `created_text` is the value exactly as stored. Keys Pinwheel does not
 * know are kept under `extra`.
 */
export interface PinMetaJson {
  name: string;
  version: string;
  title: string | null;
  description: string | null;
  type: string;
  types: string[];
  files: string[];
  file_sizes: number[];
  pin_hash: string | null;
  created: string | null;
  created_text: string | null;
  api_version: number;
  tags: string[] | null;
  urls: string[] | null;
  user: Record<string, unknown>;
  extra: Record<string, unknown>;
}

export function pinMetaJson(meta: PinMeta): PinMetaJson {
  return {
    name: meta.name,
    version: meta.version,
    title: meta.title,
    description: meta.description,
    type: meta.type,
    types: meta.types,
    files: meta.files,
    file_sizes: meta.fileSizes,
    pin_hash: meta.pinHash,
    created: isoOrNull(meta.created),
    created_text: meta.createdText,
    api_version: meta.apiVersion,
    tags: meta.tags,
    urls: meta.urls,
    user: meta.user,
    extra: meta.unknown,
  };
}

export const PIN_META_JSON_SHAPE = `{
    "name": string, "version": string, "title": string|null, "description": string|null,
    "type": string, "types": [string], "files": [string], "file_sizes": [number],
    "pin_hash": string|null, "created": ISO-8601 UTC string|null, "created_text": string|null,
    "api_version": number (0 = legacy pins v0), "tags": [string]|null, "urls": [string]|null,
    "user": {…your metadata…}, "extra": {…other keys found in data.txt…}
  }`;
