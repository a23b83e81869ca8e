// How to turn a model Pinwheel cannot serve (a Python pickle, an R object) into an ONNX model
// pin. One line per step, so the CLI can print them as a list and errors as one paragraph.

function pinStep(name: string | undefined): string {
  const pin = name ? `${name}_onnx` : 'NAME';
  return `Then pin it: in VS Code with "Pinwheel: Pin Model from ONNX File…" (name it ${pin}, a training sample as the prototype), or \`pinwheel pin-model model.onnx --name ${pin} --prototype training-sample.csv\` (add --exclude for the outcome column).`;
}

/** Exporting a Python model (scikit-learn, XGBoost/LightGBM, PyTorch) to ONNX. */
export function pythonExportAdvice(name?: string): string[] {
  const load = name
    ? `Load the model in Python (e.g. \`vetiver.VetiverModel.from_pin(board, "${name}").model\`, with a board opened with allow_pickle_read=True since it is your own pickle) and export it to ONNX:`
    : 'Export the fitted model to ONNX in Python:';
  return [
    load,
    'scikit-learn (Pipelines too): `from skl2onnx import to_onnx; onx = to_onnx(model, X[:1]); open("model.onnx", "wb").write(onx.SerializeToString())`.',
    'XGBoost / LightGBM: `onnxmltools.convert_xgboost(model, initial_types=[("input", FloatTensorType([None, n_features]))])` (convert_lightgbm likewise).',
    'PyTorch: `torch.onnx.export(model, example_input, "model.onnx")`.',
    pinStep(name),
  ];
}

/** What an R user can do: there is no general R-to-ONNX converter, so say so. */
export function rExportAdvice(name?: string): string[] {
  return [
    'R has no general converter from a fitted R model to ONNX (the {onnx} R package reads ONNX files but cannot create one from an R model), so the model has to reach ONNX through Python:',
    'xgboost: `xgb.save(model, "model.json")` in R, then in Python `m = xgboost.XGBRegressor(); m.load_model("model.json")` (XGBClassifier for a classifier) and `onnxmltools.convert_xgboost(m, initial_types=[("input", FloatTensorType([None, n_features]))])`.',
    'lm, glm, ranger, tidymodels workflows and others: refit the same model in Python on the same data (scikit-learn has linear models, GLMs and random forests) and export it with skl2onnx: `to_onnx(model, X[:1])`.',
    pinStep(name),
  ];
}
