// The Files tab: each file of the version with its size.
import { dataGrid, h } from '../../components/index.js';
import type { PreviewFile } from '../../contract/pinPreview.js';
import { formatBytes } from './formatting.js';

const SIZE_FROM: Record<PreviewFile['sizeFrom'], string> = { 'data.txt': 'data.txt', disk: 'the file on disk', unknown: '' };

export function filesTab(files: PreviewFile[]): HTMLElement {
  const total = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  return h(
    'section',
    { className: 'files' },
    dataGrid(
      [{ key: 'name', title: 'File' }, { key: 'size', title: 'Size' }, { key: 'from', title: 'Size from' }],
      files.map((file) => ({ name: file.name, size: formatBytes(file.size), from: SIZE_FROM[file.sizeFrom] })),
      { label: 'Files', widths: ['3fr', '1fr', '1fr'] },
    ),
    files.length > 1 ? h('p', { className: 'muted' }, `${files.length} files, ${formatBytes(total)} in all.`) : null,
  );
}
