// The demo workspace `npm start` opens in VS Code: a local board with the ads forest as an ONNX
// model pin (two versions), its data and its metrics; the model's .onnx file and a sample of its data
// beside it, to try "Pin Model from ONNX File…"; and workspace settings that list the board.
// Everything is made by the project's own code.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { demoAdsModel } from '../src/core/demo/adsModel.js';
import { syntheticAds } from '../src/core/demo/syntheticAds.js';
import { encodePinData, tableFromRecords } from '../src/core/pins/index.js';
import { rebuildDemoBoard } from './demoTour.js';

const MARKER = '.pinwheel-demo-workspace';

const README = `# Pinwheel demo workspace

Made by \`npm start\` (deleted and rebuilt by it on every run).

- \`board/\` is a pins board (the same folder format as pins for Python and R). Open the **Pinwheel**
  view in the activity bar: the board's pins are listed there by name, each with an icon for its kind:
  - \`ads_model\`: a random forest predicting an ad's like count, as an ONNX model pin (two versions).
    Right-click a version → **Serve Version**, then click the status-bar item → **Open API Docs**.
  - \`ads\`, \`ads_arrow\`, \`ads_parquet\`: the synthetic Super Bowl ads data in three formats.
  - \`ads_feature_effects\`: mean likes with and without each feature, as JSON.
  - \`ads_metrics\`: the model's daily error on new ads.
- \`models/ads_forest.onnx\` and \`data/ads_sample.csv\`: try **Pinwheel: Pin Model from ONNX File…**
  (pick the .onnx, then the csv as the prototype: the model takes one input per column by name, so the
  columns it does not take, \`like_count\` and \`aired\`, are left out of the prototype by themselves).
`;

export async function writeDemoWorkspace(folder: string): Promise<void> {
  if (existsSync(folder) && !existsSync(path.join(folder, MARKER))) {
    throw new Error(`${folder} exists but was not made by npm start; move it away and run npm start again.`);
  }
  await fs.rm(folder, { recursive: true, force: true });
  await fs.mkdir(path.join(folder, '.vscode'), { recursive: true });
  await fs.writeFile(path.join(folder, MARKER), 'Made by `npm start`; deleted and rebuilt by it.\n');
  await rebuildDemoBoard(path.join(folder, 'board'));
  // The workspace sits inside this repository: VS Code would ask whether to open the repository above it.
  const settings = { 'pinwheel.boards': [{ name: 'Demo board', uri: 'board' }], 'git.openRepositoryInParentFolders': 'never' };
  await fs.writeFile(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  await fs.writeFile(path.join(folder, 'README.md'), README);
  const { onnx } = demoAdsModel({ rows: 320, seed: 2021 });
  await fs.mkdir(path.join(folder, 'models'));
  await fs.writeFile(path.join(folder, 'models', 'ads_forest.onnx'), onnx);
  await fs.mkdir(path.join(folder, 'data'));
  await fs.writeFile(path.join(folder, 'data', 'ads_sample.csv'), await encodePinData('csv', tableFromRecords(syntheticAds({ rows: 40, seed: 7 }))));
}
