// The Model tab: the columns a request needs (the prototype), the model's tensors, and whether
// Pinwheel can serve it; if not, why and how to get an ONNX model pin.
import { dataGrid, h } from '../../components/index.js';
import type { PreviewModel, PreviewTensor } from '../../contract/pinPreview.js';
import { formatCell, textWithCode } from './formatting.js';

const ORIGINS: Record<string, string> = {
  'pinwheel-onnx': 'ONNX model pinned by Pinwheel',
  'onnx-file': 'ONNX file pin',
  'vetiver-python': 'vetiver model (Python)',
  'vetiver-r': 'vetiver model (R)',
};

function tensorGrid(tensors: PreviewTensor[], label: string, detailTitle: string): HTMLElement {
  return dataGrid(
    [{ key: 'name', title: 'Tensor' }, { key: 'dtype', title: 'Type' }, { key: 'shape', title: 'Shape' }, { key: 'detail', title: detailTitle }],
    tensors.map((tensor) => ({ name: tensor.name, dtype: tensor.dtype, shape: `[${tensor.shape.map((d) => (d < 0 ? 'batch' : String(d))).join(', ')}]`, detail: tensor.detail })),
    { label, widths: ['1fr', '100px', '140px', '3fr'] },
  );
}

function servingCallout(model: PreviewModel): HTMLElement {
  if (model.servable) {
    return h('div', { className: 'callout ok', id: 'servable' }, h('p', {}, 'Pinwheel can serve this model: use "Serve Version" in the Boards view.'));
  }
  return h(
    'div',
    { className: 'callout', id: 'not-servable' },
    h('h3', {}, 'Why Pinwheel cannot serve it'),
    textWithCode(model.notServableReason ?? 'It is not an ONNX model.'),
    model.howToExport && model.howToExport.length > 0 ? h('h3', {}, 'How to export it to ONNX') : null,
    ...(model.howToExport ?? []).map((line) => textWithCode(line)),
  );
}

export function modelTab(model: PreviewModel): HTMLElement {
  return h(
    'section',
    { className: 'model' },
    h('p', { className: 'muted' }, `${ORIGINS[model.origin] ?? model.origin}${model.task ? `, ${model.task}` : ''}`),
    servingCallout(model),
    h('h2', {}, 'Prototype (the columns of a request)'),
    model.prototype
      ? dataGrid(
          [{ key: 'name', title: 'Column' }, { key: 'type', title: 'Type' }, { key: 'example', title: 'Example' }],
          model.prototype.map((column) => ({ name: column.name, type: column.type, example: formatCell(column.example) })),
          { label: 'Prototype', widths: ['2fr', '1fr', '2fr'] },
        )
      : h('p', { className: 'muted' }, 'The pin does not record its columns.'),
    model.inputs.length > 0 ? h('h2', {}, 'Inputs') : null,
    model.inputs.length > 0 ? tensorGrid(model.inputs, 'Model inputs', 'Columns') : null,
    model.outputs.length > 0 ? h('h2', {}, 'Outputs') : null,
    model.outputs.length > 0 ? tensorGrid(model.outputs, 'Model outputs', 'Role') : null,
    model.requiredPackages.length > 0 ? h('h2', {}, 'Required packages') : null,
    model.requiredPackages.length > 0 ? h('p', {}, ...model.requiredPackages.flatMap((name, i) => [i > 0 ? ', ' : '', h('code', {}, name)])) : null,
    ...model.notes.map((note) => h('p', { className: 'note' }, note)),
  );
}
