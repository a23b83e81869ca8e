// The public face of the pin preview: what the VS Code extension imports.
export { buildPinPreview } from './buildPinPreview.js';
export type { PinPreviewOptions } from './buildPinPreview.js';
export { PREVIEW_LIMITS } from './previewLimits.js';
export type { ExcerptText, PinPreview, PreviewCell, PreviewColumn, PreviewFile, PreviewKeyValue, PreviewModel, PreviewTable, PreviewTensor } from './pinPreview.js';
