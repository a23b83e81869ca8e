// data.txt as rows of key and value: the standard fields in the order pins writes them, then
// any other top-level key, and the user's own metadata separately.
import type { PinMeta } from '../pins/index.js';
import { valueText } from './excerpt.js';
import type { PreviewKeyValue } from './pinPreview.js';
import { PREVIEW_LIMITS } from './previewLimits.js';

export function standardMetadataRows(meta: PinMeta): PreviewKeyValue[] {
  const rows: [string, unknown][] = [
    ['file', meta.files.length === 1 ? meta.files[0] : meta.files],
    ['file_size', meta.fileSizes.length === 0 ? null : meta.fileSizes.length === 1 ? meta.fileSizes[0] : meta.fileSizes],
    ['pin_hash', meta.pinHash],
    ['type', meta.types.length > 1 ? meta.types : meta.type],
    ['title', meta.title],
    ['description', meta.description],
    ['tags', meta.tags],
    ['urls', meta.urls],
    ['created', meta.createdText],
    ['api_version', meta.apiVersion],
    ...Object.entries(meta.unknown),
  ];
  return rows
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ({ key, value: valueText(value, PREVIEW_LIMITS.maxValueChars) }));
}

export function userMetadataRows(meta: PinMeta): PreviewKeyValue[] {
  return Object.entries(meta.user).map(([key, value]) => ({ key, value: valueText(value, PREVIEW_LIMITS.maxValueChars) }));
}
