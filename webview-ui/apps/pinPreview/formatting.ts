// How the preview writes sizes, dates and advice text.
import { h } from '../../components/index.js';
import type { PreviewCell } from '../../contract/pinPreview.js';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
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
