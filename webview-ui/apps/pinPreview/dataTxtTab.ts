// The data.txt tab: the metadata file exactly as stored.
import { button, h } from '../../components/index.js';
import type { ExcerptText } from '../../contract/pinPreview.js';

export function dataTxtTab(dataTxt: ExcerptText, openInEditor: () => void): HTMLElement {
  return h(
    'section',
    { className: 'data-txt' },
    h('div', { className: 'row' }, button('Open in Editor', openInEditor, { title: 'Open this data.txt as a read-only text file' })),
    dataTxt.note ? h('p', { className: 'note' }, dataTxt.note) : null,
    h('pre', {}, dataTxt.text),
  );
}
