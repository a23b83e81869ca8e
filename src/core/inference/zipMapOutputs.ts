import type { OnnxModelInfo } from '../onnx/onnxModelInfo.js';
import { onnxModelType } from '../onnx/onnxSchema.js';
import { encodeValueInfo } from '../onnx/onnxWriter.js';
import { ModelError } from '../vetiver/errors.js';
import type { ModelOutput } from '../vetiver/modelSpec.js';

/**
 * onnxruntime-node cannot return a ZipMap's sequence of maps ("Non tensor type is temporarily
 * not supported") and only returns graph outputs, so the float [N, C] tensor a ZipMap reads has
 * to become a graph output before the session is created.
 *
 * Rather than decoding and re-encoding the whole model (the onnx.proto subset would drop every
 * field it does not know: functions, sparse initializers, external data…), this appends a
 * second `graph` field holding only the extra outputs. Protobuf parsers merge a repeated
 * singular message field, so the graph gains the outputs and the original bytes stay untouched.
 */
export function exposeZipMapInputs(modelBytes: Uint8Array, info: OnnxModelInfo, outputs: readonly ModelOutput[]): Uint8Array {
  const extraOutputs: Record<string, unknown>[] = [];
  for (const output of outputs) {
    if (output.zipmap_output === undefined) continue;
    const zipMap = info.zipMaps.find((candidate) => candidate.output === output.zipmap_output);
    if (!zipMap) {
      const found = info.zipMaps.map((z) => `"${z.output}"`).join(', ') || 'none';
      throw new ModelError('prototype-mismatch',
        `The model spec says output "${output.name}" feeds the ZipMap output "${output.zipmap_output}", but the model has no ZipMap ` +
        `producing "${output.zipmap_output}" (ZipMap outputs in the model: ${found}).`);
    }
    if (zipMap.tensor !== output.name) {
      throw new ModelError('prototype-mismatch',
        `The model spec says the ZipMap "${output.zipmap_output}" reads "${output.name}", but in the model it reads "${zipMap.tensor}". ` +
        `Set the output's name to "${zipMap.tensor}".`);
    }
    if (info.outputs.some((graphOutput) => graphOutput.name === zipMap.tensor)) continue;
    // ZipMap only takes float tensors; the batch dimension is left unnamed.
    const classCount = zipMap.classes.length > 0 ? zipMap.classes.length : null;
    extraOutputs.push(encodeValueInfo({ name: zipMap.tensor, dtype: 'float32', shape: [null, classCount] }));
  }
  if (extraOutputs.length === 0) return modelBytes;
  const type = onnxModelType();
  const fragment = type.encode(type.fromObject({ graph: { output: extraOutputs } })).finish();
  const merged = new Uint8Array(modelBytes.length + fragment.length);
  merged.set(modelBytes);
  merged.set(fragment, modelBytes.length);
  return merged;
}
