import type { Command } from '../command.js';

export const predictCommand: Command = {
  name: 'predict',
  summary: 'send the rows of a data file to a predict API and print the predictions',
  positionals: [
    { name: 'URL', required: true, description: 'the API, e.g. http://127.0.0.1:8080 (…/predict is added) or a full endpoint URL' },
    { name: 'DATA', required: true, description: 'a .csv, .json (list of row objects), .arrow or .parquet file' },
  ],
  options: {
    proba: { type: 'boolean', description: 'ask a classifier for class probabilities (POST /predict_proba)' },
    'batch-size': { type: 'string', value: 'N', example: '5000', description: 'rows per request (default 10000): larger files are sent in several requests and the answers joined' },
  },
  details: 'Works against Pinwheel and vetiver (Python or R) servers. Columns the model does not use are sent and ignored by the server.',
  jsonShape: "the server's answer as it is, e.g. {\"predict\": [1656.96, 508.03]} or {\"predict_proba\": [[0.2, 0.8]], \"classes\": [\"no\", \"yes\"]}",
  examples: ['pinwheel predict http://127.0.0.1:8080 new_ads.csv', 'pinwheel predict http://127.0.0.1:8080/predict_proba rows.json --json'],
  load: async () => (await import('./predict.run.js')).run,
};
