// The preview of one pin version: everything the Pin Preview shows, as plain JSON (it is posted
// into a webview, so no Date, no Map, no class). The webview contract (webview-ui/contract/
// pinPreview.ts) re-exports these types: this file and what it imports must stay type-only and free
// of Node, because the webview typechecks against them with DOM types.
import type { PinKindInfo } from '../vetiver/pinKindTypes.js';

export type PreviewCell = string | number | boolean | null;

/** Text cut to a size a webview can hold; `note` says what was left out. */
export interface ExcerptText {
  text: string;
  truncated: boolean;
  note?: string;
}

export interface PreviewKeyValue {
  key: string;
  /** Shown as is; long values are cut (the raw data.txt has them whole, up to its own limit). */
  value: string;
}

export interface PreviewFile {
  name: string;
  /** Bytes; null when neither data.txt nor the board folder says. */
  size: number | null;
  sizeFrom: 'data.txt' | 'disk' | 'unknown';
}

export interface PreviewColumn {
  name: string;
  /** boolean, integer, number, string, date, datetime or unknown. */
  type: string;
}

/** The first rows of a table pin, cells in column order. */
export interface PreviewTable {
  columns: PreviewColumn[];
  rows: PreviewCell[][];
  totalRows: number;
  /** Said when columns, rows or cells were cut. */
  note?: string;
}

export interface PreviewTensor {
  name: string;
  dtype: string;
  shape: number[];
  /** Request columns packed into an input tensor, or the output's role (prediction, label…). */
  detail: string;
}

export interface PreviewModel {
  /** pinwheel-onnx, onnx-file, vetiver-python or vetiver-r. */
  origin: string;
  /** The request's columns; null when the pin does not record them. */
  prototype: (PreviewColumn & { example: PreviewCell })[] | null;
  task: string | null;
  inputs: PreviewTensor[];
  outputs: PreviewTensor[];
  requiredPackages: string[];
  servable: boolean;
  notServableReason?: string;
  /** Steps to an ONNX model pin, one per line. */
  howToExport?: string[];
  notes: string[];
}

export interface PinPreview {
  /** Where the pin lives, as the board describes itself (a folder path for folder boards). */
  board: string;
  name: string;
  /** A version name, or "." for pins-r's old unversioned pins. */
  version: string;
  /** True when this is the newest version; null when the board could not list versions. */
  latest: boolean | null;
  versionCount: number;
  /** ISO 8601, UTC; null when data.txt has no readable `created`. */
  created: string | null;
  title: string | null;
  description: string | null;
  type: string;
  kind: PinKindInfo;
  tags: string[];
  urls: string[];
  hash: string | null;
  /** data.txt's standard fields, in the order pins writes them. */
  metadata: PreviewKeyValue[];
  /** The user's own metadata (data.txt `user:`), one row per top-level key. */
  userMetadata: PreviewKeyValue[];
  dataTxt: ExcerptText;
  files: PreviewFile[];
  table?: PreviewTable;
  json?: ExcerptText;
  model?: PreviewModel;
  /** Things that could not be shown, said for a data scientist ("Could not read the rows: …"). */
  problems: string[];
}
