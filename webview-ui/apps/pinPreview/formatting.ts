// How the preview writes sizes, dates and advice text.
import { h } from '../../components/index.js';
import type { PreviewCell } from '../../contract/pinPreview.js';
import { formatBytes as formatSize } from '../../../src/core/text/displayFormats.js';

export function formatBytes(bytes: number | null): string {
  return bytes === null ? 'unknown' : formatSize(bytes);
}

/** "2021-01-20 09:30 UTC": pins versions are named in UTC, so the preview says UTC too. */
export function formatCreated(iso: string | null): string {
  if (iso === null) return 'unknown';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatCell(cell: PreviewCell): string {
  if (cell === null) return 'NA';
  return String(cell);
}

/** A sentence whose `backticked` parts are code (the advice text of the library uses them). */
export function textWithCode(text: string): HTMLElement {
  const parts = text.split('`');
  return h('p', {}, ...parts.map((part, index) => (index % 2 === 1 ? h('code', {}, part) : part)));
}
