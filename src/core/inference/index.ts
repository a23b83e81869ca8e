// Running ONNX models: rows in, predictions out, with the tensors described by user.pinwheel.
export type { CellValue, ModelRow, ModelSession, PredictionResult } from './modelSession.js';
export { openModelSession } from './onnxSession.js';
export type { ModelSessionOptions } from './onnxSession.js';
export { specOutputsFromModel } from './specOutputsFromModel.js';
export type { ProposedOutputs } from './specOutputsFromModel.js';
