import type { OnnxModelInfo, OnnxValueInfo } from '../onnx/onnxModelInfo.js';
import { ModelError } from '../vetiver/errors.js';
import type { PinwheelModelSpec } from '../vetiver/modelSpec.js';
import { inputShapeProblem } from './tensorsFromRows.js';

/** "bool [N, 6]": how a graph input or output reads in a message. */
function describeValue(value: OnnxValueInfo): string {
  if (value.kind !== 'tensor') return `${value.name} (${value.kind === 'sequence' ? 'a sequence of maps' : value.kind})`;
  const shape = value.shape ? ` [${value.shape.map((dim) => dim ?? '?').join(', ')}]` : '';
  return `${value.name} (${value.dtype ?? 'unknown type'}${shape})`;
}

function mismatch(message: string): ModelError {
  return new ModelError('prototype-mismatch', message);
}

/**
 * Checks, before the model is loaded, that `user.pinwheel` describes this model: every input
 * is fed with the dtype and width the model declares, and every output to fetch is a tensor.
 * Catching it here gives a message about the spec instead of onnxruntime's at the first request.
 */
export function checkSpecAgainstModel(spec: PinwheelModelSpec, info: Pick<OnnxModelInfo, 'inputs' | 'outputs' | 'zipMaps'>): void {
  const modelInputs = info.inputs.map(describeValue).join(', ');
  for (const input of spec.inputs) {
    const shapeProblem = inputShapeProblem(input);
    if (shapeProblem) throw mismatch(`The model spec (user.pinwheel.inputs) is inconsistent: ${shapeProblem}.`);
    const declared = info.inputs.find((candidate) => candidate.name === input.name);
    if (!declared) {
      throw mismatch(`The model spec feeds an input "${input.name}", but the model has no such input. The model's inputs are: ${modelInputs}.`);
    }
    if (declared.kind !== 'tensor') throw mismatch(`The model's input ${describeValue(declared)} is not a tensor; Pinwheel can only feed tensors.`);
    if (declared.dtype !== null && declared.dtype !== input.dtype) {
      throw mismatch(`The model expects its input "${input.name}" as ${declared.dtype}, but the model spec (user.pinwheel.inputs) says ${input.dtype}. ` +
        `Set the input's dtype to ${declared.dtype}.`);
    }
    if (declared.shape) {
      const fixedWidthWrong = declared.shape.length === 2 && typeof declared.shape[1] === 'number' && declared.shape[1] !== input.shape[1];
      if (declared.shape.length !== input.shape.length || fixedWidthWrong) {
        throw mismatch(`The model expects its input ${describeValue(declared)}, but the model spec packs ` +
          `${input.columns.length} column${input.columns.length === 1 ? '' : 's'} into shape [${input.shape.join(', ')}].`);
      }
    }
  }
  const unfed = info.inputs.filter((declared) => !spec.inputs.some((input) => input.name === declared.name));
  if (unfed.length > 0) {
    throw mismatch(`The model also needs ${unfed.map(describeValue).join(', ')}, which the model spec (user.pinwheel.inputs) does not feed.`);
  }
  for (const output of spec.outputs) {
    if (output.zipmap_output !== undefined) continue; // checked when the ZipMap's input is exposed
    const declared = info.outputs.find((candidate) => candidate.name === output.name);
    if (!declared) {
      throw mismatch(`The model spec fetches the output "${output.name}", but the model has no such output. ` +
        `The model's outputs are: ${info.outputs.map(describeValue).join(', ')}.`);
    }
    if (declared.kind !== 'tensor') {
      const zipMap = info.zipMaps.find((candidate) => candidate.output === output.name);
      const hint = zipMap ? ` Fetch the ZipMap's input instead: name "${zipMap.tensor}" with zipmap_output "${zipMap.output}".` : '';
      throw mismatch(`The model's output ${describeValue(declared)} is not a tensor, and onnxruntime cannot return it to JavaScript.${hint}`);
    }
    if (declared.dtype !== null && declared.dtype !== output.dtype) {
      throw mismatch(`The model's output "${output.name}" is ${declared.dtype}, but the model spec (user.pinwheel.outputs) says ${output.dtype}.`);
    }
  }
}
