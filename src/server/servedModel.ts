import type { z } from 'zod';
import type { ModelRow, ModelSession } from '../core/inference/modelSession.js';
import type { PinwheelModelSpec } from '../core/vetiver/modelSpec.js';
import { BatchingSession } from './batchingSession.js';
import { docsPageTemplate } from './docsPage.js';
import { buildOpenApiDocument } from './openApi.js';
import { prototypeJsonSchema } from './prototypeSchema.js';
import { rowSchema } from './requestRows.js';

/** What the server says about the model it serves (GET /metadata and the docs). */
export interface ServedModelInfo {
  name: string;
  version: string;
  title: string;
  description: string | null;
  requiredPkgs: string[];
  pythonVersion: unknown[] | null;
  /** The user's own metadata (user.user in data.txt). */
  user: Record<string, unknown>;
  /** Where the pin lives, when the board has URLs (Connect); null for folder boards. */
  url: string | null;
}

/**
 * One loaded pin version, with everything a request needs computed once: the session, the row
 * validator and the JSON documents that do not change while this version is served.
 */
export interface ServedModel {
  info: ServedModelInfo;
  spec: PinwheelModelSpec;
  session: ModelSession;
  rowSchema: z.ZodType<ModelRow>;
  isClassifier: boolean;
  json: { metadata: string; prototype: string; openapi: string };
  /** The /__docs__ page without its per-response nonce. */
  docsTemplate: string;
}

export function makeServedModel(info: ServedModelInfo, spec: PinwheelModelSpec, session: ModelSession, serverVersion: string): ServedModel {
  const isClassifier = spec.task === 'classification' && spec.outputs.some((output) => output.role === 'probabilities');
  const metadata = {
    user: info.user,
    version: info.version,
    url: info.url,
    required_pkgs: info.requiredPkgs,
    python_version: info.pythonVersion,
    // vetiver's clients read the keys above; this block is ours.
    pinwheel: { name: info.name, task: spec.task, inputs: spec.inputs, outputs: spec.outputs, onnx: spec.onnx, runtime: spec.runtime, server: serverVersion },
  };
  const model: Omit<ServedModel, 'json' | 'docsTemplate'> = { info, spec, session: new BatchingSession(session), rowSchema: rowSchema(spec.prototype), isClassifier };
  return {
    ...model,
    json: {
      metadata: JSON.stringify(metadata),
      prototype: JSON.stringify(prototypeJsonSchema(spec.prototype)),
      openapi: JSON.stringify(buildOpenApiDocument(model, serverVersion)),
    },
    docsTemplate: docsPageTemplate(model),
  };
}
