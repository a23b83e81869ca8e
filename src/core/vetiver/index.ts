// The public face of Pinwheel's model pins: what the CLI, the predict server and the VS Code
// extension import. Anything not exported here is an implementation detail.

// Model pins: pinning an ONNX model, describing any model pin, loading one to serve.
export { buildModelSpec, modelPinUser, pinModel } from './pinModel.js';
export type { PinModelOptions, PinModelResult } from './pinModel.js';
export { loadServableModel, readModelPin } from './modelPin.js';
export { pinKindOf } from './pinKind.js';
export type { PinKind, PinKindInfo } from './pinKind.js';
export type { ModelDescription, ModelOrigin, ServableModel } from './modelPin.js';

// Prototypes from data, and how columns become the model's tensors.
export { prototypeFromTable, sampleFromTable } from './prototypeFromData.js';
export type { DataSample, UntypedColumn } from './prototypeFromData.js';
export { featuresFromMetadata, mapModelInputs } from './inputMapping.js';
export type { InputMapping, InputMappingOptions } from './inputMapping.js';

// vetiver-python's prototype string, and advice for models Pinwheel cannot serve.
export { parseVetiverPrototype, vetiverPrototypeJson } from './vetiverMeta.js';
export { pythonExportAdvice, rExportAdvice } from './exportAdvice.js';
export { installedOnnxRuntimeVersion } from './runtimeVersion.js';

// The spec stored in data.txt (user.pinwheel) and the errors.
export { OUTPUT_ROLES, PINWHEEL_USER_KEY, PROTOTYPE_TYPES, pinwheelModelSpecSchema, TENSOR_DTYPES } from './modelSpec.js';
export type { ModelInput, ModelOutput, OutputRole, PinwheelModelSpec, PrototypeColumn, PrototypeType, TensorDtype } from './modelSpec.js';
export { isModelError, ModelError } from './errors.js';
export type { ModelErrorCode } from './errors.js';
