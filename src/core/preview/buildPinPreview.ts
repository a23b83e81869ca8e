// Builds the preview of one pin version from its board: metadata, files, and a look at the
// content (first rows of a table, a JSON excerpt, a model's prototype). Each part that cannot be
// read becomes a sentence in `problems` instead of failing the whole preview.
import { FLAT_VERSION, META_FILE, type Board, type PinMeta } from '../pins/index.js';
import { pinKindOf } from '../vetiver/pinKind.js';
import { readModelPin } from '../vetiver/modelPin.js';
import { excerptText } from './excerpt.js';
import { standardMetadataRows, userMetadataRows } from './metadataRows.js';
import { modelExcerpt } from './modelExcerpt.js';
import type { PinPreview, PreviewFile } from './pinPreview.js';
import { PREVIEW_LIMITS } from './previewLimits.js';
import { tableExcerpt } from './tableExcerpt.js';

export interface PinPreviewOptions {
  /** How many rows of a table pin to include (capped at PREVIEW_LIMITS.maxRows). */
  rows: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function versionDir(meta: PinMeta): string {
  return meta.version === FLAT_VERSION ? meta.name : `${meta.name}/${meta.version}`;
}

async function filesWithSizes(board: Board, meta: PinMeta): Promise<PreviewFile[]> {
  return Promise.all(
    meta.files.map(async (name, index): Promise<PreviewFile> => {
      const recorded = meta.fileSizes[index];
      if (recorded !== undefined) return { name, size: recorded, sizeFrom: 'data.txt' };
      const stat = await board.storage.stat(`${versionDir(meta)}/${name}`).catch(() => undefined);
      return stat?.kind === 'file' ? { name, size: stat.size, sizeFrom: 'disk' } : { name, size: null, sizeFrom: 'unknown' };
    }),
  );
}

function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} kB`;
}

/** The content part of the preview: table rows, JSON excerpt or model description. */
async function contentOf(board: Board, meta: PinMeta, files: PreviewFile[], options: PinPreviewOptions): Promise<Pick<PinPreview, 'table' | 'json' | 'model' | 'problems'>> {
  const kind = pinKindOf(meta).kind;
  if (kind === 'model' || kind === 'pickle') {
    try {
      return { model: modelExcerpt(await readModelPin(board, meta.name, meta.version)), problems: [] };
    } catch (error) {
      return { problems: [messageOf(error)] };
    }
  }
  if (kind !== 'table' && kind !== 'data') return { problems: [] };
  const largest = Math.max(0, ...files.map((file) => file.size ?? 0));
  if (largest > PREVIEW_LIMITS.maxReadBytes) {
    return { problems: [`The data file is ${readableSize(largest)}, too large to read for a preview (the limit is ${readableSize(PREVIEW_LIMITS.maxReadBytes)}). Read it with \`pinwheel read ${meta.name}\` or pins.`] };
  }
  try {
    const content = await board.read(meta.name, meta.version);
    if (content.kind === 'table') return { table: tableExcerpt(content.table, options.rows), problems: [] };
    if (content.kind === 'json') {
      return { json: excerptText(JSON.stringify(content.value, null, 2) ?? 'null', PREVIEW_LIMITS.maxJsonChars, 'the JSON'), problems: [] };
    }
    return { problems: [] };
  } catch (error) {
    return { problems: [`Could not read the data: ${messageOf(error)}`] };
  }
}

export async function buildPinPreview(board: Board, name: string, version: string | undefined, options: PinPreviewOptions): Promise<PinPreview> {
  const meta = await board.meta(name, version);
  const versions = await board.versions(name).catch(() => undefined);
  const rawDataTxt = new TextDecoder('utf-8').decode(await board.storage.read(`${versionDir(meta)}/${META_FILE}`));
  const files = await filesWithSizes(board, meta);
  const kind = pinKindOf(meta);
  const content = await contentOf(board, meta, files, options);
  return {
    board: board.description,
    name: meta.name,
    version: meta.version,
    latest: versions ? versions.at(-1)?.version === meta.version : null,
    versionCount: versions?.length ?? 1,
    created: meta.created?.toISOString() ?? meta.createdText,
    title: meta.title,
    description: meta.description,
    type: meta.type,
    kind: { kind: kind.kind, servable: kind.servable, label: kind.label },
    tags: meta.tags ?? [],
    urls: meta.urls ?? [],
    hash: meta.pinHash,
    metadata: standardMetadataRows(meta),
    userMetadata: userMetadataRows(meta),
    dataTxt: excerptText(rawDataTxt, PREVIEW_LIMITS.maxDataTxtChars, 'data.txt'),
    files,
    ...content,
  };
}
