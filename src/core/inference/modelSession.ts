import type { PinwheelModelSpec } from '../vetiver/modelSpec.js';

/** One value of a validated request row; null only for nullable columns. */
export type CellValue = boolean | number | string | null;

/** A request row after validation: exactly the prototype's columns, with values of their types. */
export type ModelRow = Record<string, CellValue>;

export interface PredictionResult {
  /**
   * One entry per row: the regression value, or the class label of a classifier. A regressor
   * with several targets ([N, k] output) gives an array per row.
   */
  predictions: (number | string | number[])[];
  /** Classifiers only: per row, one probability per class, in `classes` order. */
  probabilities?: number[][];
  classes?: (string | number)[];
}

/** A loaded model, created once and reused for every request. */
export interface ModelSession {
  readonly spec: PinwheelModelSpec;
  predict(rows: readonly ModelRow[]): Promise<PredictionResult>;
  dispose(): Promise<void>;
}
