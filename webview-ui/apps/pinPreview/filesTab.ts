// The Files tab: each file of the version with its size. Sizes normally come from data.txt (pins
// records them when it writes the pin); only a size that does not is marked, with a note saying
// where it came from.
import { dataGrid, h } from '../../components/index.js';
import type { PreviewFile } from '../../contract/pinPreview.js';
import { formatBytes } from './formatting.js';

function sizeText(file: PreviewFile): string {
  if (file.sizeFrom === 'disk') return `${formatBytes(file.size)} (on disk)`;
  return formatBytes(file.size);
}

function sizeNotes(files: PreviewFile[]): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (files.some((file) => file.sizeFrom === 'disk')) {
    notes.push(h('p', { className: 'note', id: 'size-note' }, 'data.txt does not record the sizes marked "on disk": they are the sizes of the files in the board folder now.'));
  }
  if (files.some((file) => file.sizeFrom === 'unknown')) {
    notes.push(h('p', { className: 'note' }, 'An "unknown" size is neither recorded in data.txt nor readable from the board folder (the file may be missing).'));
  }
  return notes;
}

export function filesTab(files: PreviewFile[]): HTMLElement {
  const total = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  return h(
    'section',
    { className: 'files' },
    dataGrid(
      [{ key: 'name', title: 'File' }, { key: 'size', title: 'Size' }],
      files.map((file) => ({ name: file.name, size: sizeText(file) })),
      { label: 'Files', widths: ['3fr', '1fr'] },
    ),
    files.length > 1 ? h('p', { className: 'muted' }, `${files.length} files, ${formatBytes(total)} in all.`) : null,
    ...sizeNotes(files),
  );
}
