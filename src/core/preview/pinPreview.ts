// The preview of one pin version: everything the Pin Preview shows, as plain JSON (it is posted
// into a webview). The webview's copy of these types is webview-ui/contract/pinPreview.ts; the
// extension host assigns one to the other, so the compiler keeps the two identical.
import type { PinKind } from '../vetiver/pinKind.js';

export type PreviewCell = string | number | boolean | null;

/** Text cut to a size a webview can hold; `note` says what was left out. */
export interface ExcerptText {
  text: string;
  truncated: boolean;
  note?: string;
}

export interface PreviewKeyValue {
  key: string;
  value: string;
}

export interface PreviewFile {
  name: string;
  size: number | null;
  sizeFrom: 'data.txt' | 'disk' | 'unknown';
}

export interface PreviewColumn {
  name: string;
  type: string;
}

export interface PreviewTable {
  columns: PreviewColumn[];
  rows: PreviewCell[][];
  totalRows: number;
  note?: string;
}

export interface PreviewTensor {
  name: string;
  dtype: string;
  shape: number[];
  detail: string;
}

export interface PreviewModel {
  origin: string;
  prototype: (PreviewColumn & { example: PreviewCell })[] | null;
  task: string | null;
  inputs: PreviewTensor[];
  outputs: PreviewTensor[];
  requiredPackages: string[];
  servable: boolean;
  notServableReason?: string;
  howToExport?: string[];
  notes: string[];
}

export interface PinPreview {
  board: string;
  name: string;
  version: string;
  latest: boolean | null;
  versionCount: number;
  created: string | null;
  title: string | null;
  description: string | null;
  type: string;
  kind: { kind: PinKind; servable: boolean; label: string };
  tags: string[];
  urls: string[];
  hash: string | null;
  metadata: PreviewKeyValue[];
  userMetadata: PreviewKeyValue[];
  dataTxt: ExcerptText;
  files: PreviewFile[];
  table?: PreviewTable;
  json?: ExcerptText;
  model?: PreviewModel;
  problems: string[];
}
