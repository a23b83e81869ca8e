// Pins that hold a serialised R or Python object (rds, qs, qs2, joblib, pickle). Pinwheel never
// deserialises them: unpickling, and reading R serialisations, can run arbitrary code hidden in
// the file, and R's formats can only be read by R anyway. We say what the file is, where it
// can be loaded, and that downloading it still works.
import { describeLocation, type DataLocation } from './dataLocation.js';
import { PinsError } from '../errors.js';

export interface SerializedObjectInfo {
  language: 'Python' | 'R';
  /** How to load it, in that language. */
  loader: string;
  /** What the file is, as a phrase: 'a Python object serialised with joblib (pickle)'. */
  explanation: string;
}

const SERIALIZED: Record<string, SerializedObjectInfo> = {
  joblib: {
    language: 'Python',
    loader: "pins (board_folder(..., allow_pickle_read=True).pin_read(name)) or joblib.load()",
    explanation: 'a Python object serialised with joblib (pickle)',
  },
  pickle: {
    language: 'Python',
    loader: 'pickle.load() (pins itself writes joblib, not pickle, pins)',
    explanation: 'a Python object serialised with pickle',
  },
  rds: {
    language: 'R',
    loader: 'pins::pin_read() or readRDS()',
    explanation: "an R object serialised with saveRDS (R's native format)",
  },
  qs: {
    language: 'R',
    loader: 'pins::pin_read() or qs::qread()',
    explanation: 'an R object serialised with the qs package',
  },
  qs2: {
    language: 'R',
    loader: 'pins::pin_read() or qs2::qs_read()',
    explanation: 'an R object serialised with the qs2 package',
  },
};

/** What a serialised-object pin type is and which language loads it; null for data types. */
export function describeSerializedObject(type: string): SerializedObjectInfo | null {
  return Object.hasOwn(SERIALIZED, type) ? SERIALIZED[type]! : null;
}

/** The PinsError('pickle-refused') for reading a pin of a serialised-object type. */
export function refuseSerializedObject(type: string, info: SerializedObjectInfo, where: DataLocation): PinsError {
  const why =
    info.language === 'R'
      ? "Pinwheel never loads R serialisations: they can only be read by R, and loading one can run arbitrary code."
      : 'Pinwheel never executes pickles: loading one can run arbitrary code hidden in the file.';
  return new PinsError(
    'pickle-refused',
    `The ${describeLocation(where)} is a '${type}' pin: it holds ${info.explanation}. ` +
      `Only ${info.language} can load it: ${info.loader}. ${why} ` +
      `\`pinwheel download ${where.pin}\` still gives you the file itself.`,
  );
}
