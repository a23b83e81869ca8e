// The real forest exported by skl2onnx (../shared/fixtures/pins-python-written/ads_rf_onnx),
// loaded into a real onnxruntime session behind the predict server, with the spec written by
// hand from design/model-pins.md and the pin's own data.txt (user.features, bool [N,6] input).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { openModelSession } from '../../src/core/inference/index.js';
import type { PinwheelModelSpec } from '../../src/core/vetiver/modelSpec.js';
import { buildServer } from '../../src/server/build.js';
import { ModelSlot } from '../../src/server/modelSlot.js';
import { makeServedModel, type ServedModel } from '../../src/server/servedModel.js';
import type { LogSink } from '../../src/server/requestLog.js';
import { fixturePath } from './sharedFixtures.js';

export const FOREST_FEATURES = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'];

interface ExpectedFixture {
  rows: Record<string, boolean>[];
  onnx_float32_latest_model: number[];
}

export function expectedForest(): ExpectedFixture {
  return JSON.parse(readFileSync(fixturePath('pins-python-written.expected.json'), 'utf8')) as ExpectedFixture;
}

export function forestFile(): string {
  const pin = fixturePath('pins-python-written', 'ads_rf_onnx');
  const version = readdirSync(pin).sort().at(-1) ?? '';
  return path.join(pin, version, 'ads_rf.onnx');
}

export function forestSpec(): PinwheelModelSpec {
  return {
    schema_version: 1,
    kind: 'onnx-model',
    task: 'regression',
    prototype: FOREST_FEATURES.map((name) => ({ name, type: 'boolean' as const, example: false })),
    inputs: [{ name: 'input', dtype: 'bool', shape: [-1, 6], columns: FOREST_FEATURES }],
    outputs: [{ name: 'variable', dtype: 'float32', shape: [-1, 1], role: 'prediction' }],
    onnx: { ir_version: 7, opset: { '': 13, 'ai.onnx.ml': 1 }, producer: 'skl2onnx', producer_version: '1' },
    runtime: { onnxruntime: '1.30.0' },
  };
}

export async function servedForest(version = '20261126T050938Z-9404b'): Promise<ServedModel> {
  const spec = forestSpec();
  const session = await openModelSession(new Uint8Array(readFileSync(forestFile())), spec);
  return makeServedModel(
    { name: 'ads_rf', version, title: 'ads_rf as ONNX', description: 'Random forest on synthetic youtube ads', requiredPkgs: ['onnxruntime'], pythonVersion: null, user: {}, url: null },
    spec,
    session,
    'test',
  );
}

/** A built (not listening) server for inject(), serving the fixture forest. */
export async function forestServer(options: { bodyLimit?: number; log?: LogSink } = {}) {
  const slot = new ModelSlot(await servedForest());
  const app = await buildServer({ slot, serverVersion: 'test', ...options });
  return { app, slot };
}

/** |a - b| small enough for float32 results compared with float32 references. */
export function closeToFloat32(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-6, Math.abs(expected) * 1e-6);
}
