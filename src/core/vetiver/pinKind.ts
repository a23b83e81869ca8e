// What a pin is, told from its data.txt alone (no file is opened): what the Boards view shows as
// its icon, and whether "Serve Version" is offered. The full description (and the reason a model
// cannot be served) comes from readModelPin.
import path from 'node:path';
import type { PinMeta } from '../pins/index.js';
import { PINWHEEL_USER_KEY } from './modelSpec.js';

import type { PinKindInfo } from './pinKindTypes.js';

export type { PinKind, PinKindInfo } from './pinKindTypes.js';

const TABLE_TYPES = new Set(['csv', 'arrow', 'parquet', 'table']);
const PICKLE_TYPES = new Map([
  ['joblib', 'Python pickle'],
  ['pickle', 'Python pickle'],
  ['rds', 'R object (rds)'],
  ['qs', 'R object (qs)'],
  ['qs2', 'R object (qs2)'],
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isVetiverModel(meta: PinMeta): boolean {
  const user = meta.user;
  return isRecord(user.vetiver_meta) || 'ptype' in user || 'required_pkgs' in user || 'renv_lock' in user || /: a pinned list$/.test(meta.title ?? '');
}

export function pinKindOf(meta: PinMeta): PinKindInfo {
  if (isRecord(meta.user[PINWHEEL_USER_KEY])) return { kind: 'model', servable: true, label: 'ONNX model (Pinwheel)' };
  const pickle = PICKLE_TYPES.get(meta.type);
  if (pickle) return { kind: 'pickle', servable: false, label: isVetiverModel(meta) ? `${pickle}, a vetiver model` : pickle };
  if (meta.files.some((file) => path.extname(file).toLowerCase() === '.onnx')) return { kind: 'model', servable: true, label: 'ONNX model file' };
  if (TABLE_TYPES.has(meta.type)) return { kind: 'table', servable: false, label: `table (${meta.type})` };
  if (meta.type === 'json') return { kind: 'data', servable: false, label: 'JSON data' };
  return { kind: 'file', servable: false, label: meta.files.length === 1 ? 'file' : `${meta.files.length} files` };
}
