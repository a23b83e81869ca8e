// What the preview shows of a model pin: its request columns, tensors, and whether Pinwheel can
// serve it (and, if not, why and how to export it to ONNX).
import type { ModelDescription } from '../vetiver/index.js';
import type { PreviewModel, PreviewTensor } from './pinPreview.js';

export function modelExcerpt(description: ModelDescription): PreviewModel {
  const spec = description.spec;
  const inputs: PreviewTensor[] = (spec?.inputs ?? []).map((input) => ({
    name: input.name,
    dtype: input.dtype,
    shape: input.shape,
    detail: input.columns.join(', '),
  }));
  const outputs: PreviewTensor[] = (spec?.outputs ?? []).map((output) => ({
    name: output.name,
    dtype: output.dtype,
    shape: output.shape,
    detail: output.classes ? `${output.role} (classes ${output.classes.join(', ')})` : output.role,
  }));
  return {
    origin: description.origin,
    prototype: description.prototype?.map((column) => ({ name: column.name, type: column.type, example: column.example })) ?? null,
    task: spec?.task ?? null,
    inputs,
    outputs,
    requiredPackages: description.requiredPkgs,
    servable: description.servable,
    ...(description.notServableReason !== undefined ? { notServableReason: description.notServableReason } : {}),
    ...(description.howToExport !== undefined ? { howToExport: description.howToExport.split('\n').filter((line) => line.trim() !== '') } : {}),
    notes: description.notes,
  };
}
