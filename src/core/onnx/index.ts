// Reading (and, for the demo and tests, writing) ONNX files without running them.
export { describeOnnxModel, NotAnOnnxModelError, readOnnxModelInfo } from './onnxModelInfo.js';
export type { OnnxModelInfo, OnnxValueInfo, OnnxZipMap } from './onnxModelInfo.js';
export { buildOnnxModel, DEFAULT_OPSETS, encodeValueInfo } from './onnxWriter.js';
export type {
  OnnxAttributeValue, OnnxDimension, OnnxGraphDefinition, OnnxModelDefinition, OnnxNodeDefinition, OnnxTensorDefinition,
  OnnxValueDefinition,
} from './onnxWriter.js';
export { onnxDtypeCode, onnxModelType, ONNX_DTYPES } from './onnxSchema.js';
export type { OnnxDtype } from './onnxSchema.js';
