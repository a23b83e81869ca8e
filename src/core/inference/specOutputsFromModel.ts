import type { OnnxModelInfo, OnnxValueInfo } from '../onnx/onnxModelInfo.js';
import { ModelError } from '../vetiver/errors.js';
import { modelOutputSchema, type ModelOutput } from '../vetiver/modelSpec.js';

export interface ProposedOutputs {
  task: 'regression' | 'classification';
  /** `user.pinwheel.outputs`: what to fetch and what each output means. */
  outputs: ModelOutput[];
}

type OutputDtype = ModelOutput['dtype'];
const OUTPUT_DTYPES: ReadonlySet<string> = new Set(modelOutputSchema.shape.dtype.options);
const FLOATS: ReadonlySet<string> = new Set(['float32', 'float64', 'float16']);
const NUMBERS: ReadonlySet<string> = new Set([...FLOATS, 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']);

/** A declared output the spec can describe: a tensor of a dtype the spec knows. */
interface TensorOutput { value: OnnxValueInfo; dtype: OutputDtype }

/** The spec's shape: symbolic and unknown dimensions (the batch) become -1. */
function specShape(value: OnnxValueInfo): number[] {
  return (value.shape ?? [null]).map((dim) => (typeof dim === 'number' ? dim : -1));
}

function describe(output: TensorOutput, role: ModelOutput['role']): ModelOutput {
  return { name: output.value.name, dtype: output.dtype, shape: specShape(output.value), role };
}

/**
 * Proposes `task` and `outputs` of `user.pinwheel` from the outputs an ONNX file declares:
 * a label tensor ([N] of strings or int64) with class probabilities ([N, C] floats, or a ZipMap)
 * is a classifier; otherwise the first numeric tensor is the regression prediction.
 */
export function specOutputsFromModel(info: OnnxModelInfo): ProposedOutputs {
  const tensors: TensorOutput[] = info.outputs.flatMap((value) =>
    value.kind === 'tensor' && value.dtype !== null && OUTPUT_DTYPES.has(value.dtype) ? [{ value, dtype: value.dtype as OutputDtype }] : []);
  const rank = (output: TensorOutput) => output.value.shape?.length ?? 0;
  const label = tensors.find((output) => (output.dtype === 'string' || output.dtype === 'int64') && rank(output) >= 1 && rank(output) <= 2
    && (rank(output) === 1 || output.value.shape?.[1] === 1));
  const probabilities = tensors.find((output) => output !== label && FLOATS.has(output.dtype) && rank(output) === 2);
  const zipMap = info.zipMaps[0];
  const isClassifier = label !== undefined && (probabilities !== undefined || zipMap !== undefined || info.estimator?.endsWith('Classifier') === true);

  if (isClassifier) {
    const classes = info.classLabels ?? zipMap?.classes ?? null;
    const outputs: ModelOutput[] = [describe(label, 'label')];
    if (probabilities) {
      outputs.push({ ...describe(probabilities, 'probabilities'), ...(classes ? { classes } : {}) });
    } else if (zipMap) {
      const classCount = classes?.length ?? zipMap.classes.length;
      outputs.push({
        name: zipMap.tensor, dtype: 'float32', shape: [-1, classCount > 0 ? classCount : -1], role: 'probabilities',
        ...(classes ? { classes } : {}), zipmap_output: zipMap.output,
      });
    }
    for (const other of tensors) if (other !== label && other !== probabilities) outputs.push(describe(other, 'other'));
    return { task: 'classification', outputs };
  }

  const prediction = tensors.find((output) => FLOATS.has(output.dtype)) ?? tensors.find((output) => NUMBERS.has(output.dtype));
  if (!prediction) {
    const declared = info.outputs.map((value) => `${value.name} (${value.kind === 'tensor' ? value.dtype ?? 'unknown type' : value.kind})`).join(', ');
    throw new ModelError('not-servable',
      `Pinwheel cannot tell which output of this model is its prediction: none is a numeric tensor, and it has no label with class probabilities. Its outputs: ${declared}.`);
  }
  return {
    task: 'regression',
    outputs: [describe(prediction, 'prediction'), ...tensors.filter((other) => other !== prediction).map((other) => describe(other, 'other'))],
  };
}
