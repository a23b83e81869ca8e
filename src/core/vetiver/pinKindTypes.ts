// The kinds of pin (types only, no imports): shared by pinKindOf and the preview's JSON, which the
// webview typechecks against too.
export type PinKind = 'model' | 'pickle' | 'table' | 'data' | 'file';

export interface PinKindInfo {
  kind: PinKind;
  /** An ONNX model Pinwheel can serve (its spec is stored, or it is a plain .onnx file pin). */
  servable: boolean;
  /** A few words for tooltips: "ONNX model", "Python pickle (vetiver)", "table (parquet)"… */
  label: string;
}
