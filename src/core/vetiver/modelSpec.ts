import { z } from 'zod';

/**
 * `user.pinwheel` of an ONNX model pin (../shared/design/model-pins.md): everything the server
 * needs to turn JSON records into the model's tensors and its outputs back into JSON.
 * Loose objects: keys a later Pinwheel adds survive a rewrite by this one.
 */

export const PROTOTYPE_TYPES = ['boolean', 'integer', 'number', 'string'] as const;
export type PrototypeType = (typeof PROTOTYPE_TYPES)[number];

export const TENSOR_DTYPES = ['float32', 'float64', 'int64', 'int32', 'bool', 'string'] as const;
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

export const OUTPUT_ROLES = ['prediction', 'label', 'probabilities', 'other'] as const;
export type OutputRole = (typeof OUTPUT_ROLES)[number];

const exampleValue = z.union([z.boolean(), z.number(), z.string(), z.null()]);

export const prototypeColumnSchema = z.looseObject({
  name: z.string().min(1),
  type: z.enum(PROTOTYPE_TYPES),
  example: exampleValue,
  /** Missing values (null, "NA", an absent key) are allowed and sent to the model as NaN. */
  nullable: z.boolean().optional(),
});
export type PrototypeColumn = z.infer<typeof prototypeColumnSchema>;

export const modelInputSchema = z.looseObject({
  name: z.string().min(1),
  dtype: z.enum(TENSOR_DTYPES),
  /** -1 for the batch dimension: [-1, F] for one tensor of F columns, [-1, 1] or [-1] per column. */
  shape: z.array(z.number().int()),
  /** Prototype columns packed into this tensor, in tensor order. */
  columns: z.array(z.string().min(1)).min(1),
});
export type ModelInput = z.infer<typeof modelInputSchema>;

export const modelOutputSchema = z.looseObject({
  /** The tensor to fetch. For a ZipMap model this is the ZipMap's input tensor, not its map output. */
  name: z.string().min(1),
  dtype: z.enum([...TENSOR_DTYPES, 'int8', 'int16', 'uint8', 'uint16', 'uint32', 'uint64', 'float16']),
  shape: z.array(z.number().int()),
  role: z.enum(OUTPUT_ROLES),
  /** Class labels in probability-column order (classifiers). */
  classes: z.array(z.union([z.string(), z.number()])).optional(),
  /** Set when `name` is the tensor before a ZipMap whose own output (`zipmap_output`) is not fetchable. */
  zipmap_output: z.string().optional(),
});
export type ModelOutput = z.infer<typeof modelOutputSchema>;

export const pinwheelModelSpecSchema = z.looseObject({
  schema_version: z.literal(1),
  kind: z.literal('onnx-model'),
  task: z.enum(['regression', 'classification']),
  prototype: z.array(prototypeColumnSchema).min(1),
  inputs: z.array(modelInputSchema).min(1),
  outputs: z.array(modelOutputSchema).min(1),
  onnx: z.looseObject({
    ir_version: z.number().int(),
    opset: z.record(z.string(), z.number().int()),
    producer: z.string(),
    producer_version: z.string(),
  }),
  runtime: z.looseObject({ onnxruntime: z.string() }),
}).superRefine((spec, context) => {
  const names = new Set<string>();
  for (const column of spec.prototype) {
    if (names.has(column.name)) context.addIssue({ code: 'custom', message: `the prototype lists the column "${column.name}" twice`, path: ['prototype'] });
    names.add(column.name);
  }
  spec.inputs.forEach((input, index) => {
    for (const column of input.columns) {
      if (!names.has(column)) {
        context.addIssue({ code: 'custom', message: `input "${input.name}" uses the column "${column}", which is not in the prototype`, path: ['inputs', index, 'columns'] });
      }
    }
  });
  if (!spec.outputs.some((output) => output.role === 'prediction' || output.role === 'label')) {
    context.addIssue({ code: 'custom', message: 'no output has the role "prediction" or "label"', path: ['outputs'] });
  }
});
export type PinwheelModelSpec = z.infer<typeof pinwheelModelSpecSchema>;

/** The key of our block inside data.txt's `user`. */
export const PINWHEEL_USER_KEY = 'pinwheel';
