/**
 * The built-in demo board that `npm start` opens: synthetic ads data pinned in every table
 * format, with two versions of the main pin, and a model pin with two versions: the demo's
 * random forest trained on each version of the data. Creation times are fixed, so the version
 * names are the same on every machine (they depend only on the bytes and the time).
 */
import { demoAdsModel, predictAdsForest, type AdsForest } from './adsModel.js';
import { AD_FEATURES, syntheticAds } from './syntheticAds.js';
import type { Board } from '../pins/board.js';
import { tableFromRecords } from '../pins/types/table.js';
import { pinModel } from '../vetiver/pinModel.js';

/** The demo's model pin: an ONNX random forest that predicts an ad's like count. */
export const DEMO_MODEL = 'ads_model';

/** The model's metrics on new data, day by day, in vetiver-python's layout (index, n, metric, estimate). */
export const DEMO_METRICS = 'ads_metrics';

export const DEMO_PINS = ['ads', 'ads_arrow', 'ads_parquet', 'ads_feature_effects', DEMO_MODEL, DEMO_METRICS] as const;

/** Days of new ads the latest model is monitored on, after the 40 days it was trained on. */
const MONITORED_DAYS = 20;

/** What each version of the model pin was trained on, oldest first: the rows of each `ads` version. */
export const DEMO_MODEL_TRAINING = [
  { rows: 160, seed: 2021, days: 20 },
  { rows: 320, seed: 2021, days: 40 },
] as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function writeDemoBoard(board: Board): Promise<void> {
  const firstBatch = syntheticAds({ rows: 160, seed: 2021 });
  const allRows = syntheticAds({ rows: 320, seed: 2021 });
  const common = {
    description: 'Synthetic Super Bowl ads: six yes/no features and the like count. Made by Pinwheel for its demo.',
    tags: ['demo', 'ads'],
    forceIdentical: true,
  };
  const created = Date.UTC(2021, 0, 20, 9, 30, 0);
  // When each version of `ads` arrived; the model is retrained an hour after each.
  const adsCreated = [created, created + 20 * DAY];
  const adsVersions: string[] = [];
  adsVersions.push((await board.write(tableFromRecords(firstBatch), {
    ...common, name: 'ads', type: 'csv', title: 'Ads (first 20 days)',
    metadata: { seed: 2021, rows: firstBatch.length }, created: new Date(adsCreated[0]!),
  })).version);
  adsVersions.push((await board.write(tableFromRecords(allRows), {
    ...common, name: 'ads', type: 'csv', title: 'Ads (40 days)',
    metadata: { seed: 2021, rows: allRows.length }, created: new Date(adsCreated[1]!),
  })).version);
  await board.write(tableFromRecords(allRows), {
    ...common, name: 'ads_arrow', type: 'arrow', title: 'Ads as Arrow (Feather V2, LZ4)', created: new Date(created + 20 * DAY),
  });
  await board.write(tableFromRecords(allRows), {
    ...common, name: 'ads_parquet', type: 'parquet', title: 'Ads as Parquet', created: new Date(created + 20 * DAY),
  });
  await board.write(featureEffects(allRows), {
    ...common, name: 'ads_feature_effects', type: 'json', title: 'Mean likes with and without each feature',
    created: new Date(created + 20 * DAY),
  });
  let latestForest: AdsForest | undefined;
  for (const [i, training] of DEMO_MODEL_TRAINING.entries()) {
    const { forest, onnx, trainingRows } = demoAdsModel(training);
    latestForest = forest;
    await pinModel(board, {
      model: onnx,
      name: DEMO_MODEL,
      // The rows it was trained on; `aired` is not a feature and like_count is the outcome.
      prototype: tableFromRecords(trainingRows),
      prototypeSource: `ads version ${adsVersions[i]}`,
      exclude: ['like_count', 'aired'],
      title: `Ads like-count forest (trained on ${training.days} days)`,
      description: `Random forest (${forest.trees.length} trees, depth 4, seed ${training.seed}) predicting an ad's like_count `
        + `from its six yes/no features, trained on the ${training.rows} rows of ads version ${adsVersions[i]} `
        + `(${training.days} days). Made by Pinwheel for its demo.`,
      metadata: { trained_on: `ads@${adsVersions[i]}`, rows: training.rows, trees: forest.trees.length, seed: training.seed },
      forceIdentical: true,
      created: new Date(adsCreated[i]! + HOUR),
    });
  }
  // The same seed continues the same ads: rows after the first 320 are the days the model never saw.
  const newAds = syntheticAds({ rows: 320 + MONITORED_DAYS * 8, seed: 2021 }).slice(320);
  await board.write(dailyMetrics(latestForest!, newAds), {
    ...common, name: DEMO_METRICS, type: 'csv', title: `Ads model metrics on ${MONITORED_DAYS} days of new ads`,
    description: 'Mean absolute error and root mean squared error of the latest ads_model, per day of new ads (vetiver-python compute_metrics layout). Made by Pinwheel for its demo.',
    metadata: { model: `${DEMO_MODEL}`, period: 'day' },
    created: new Date(adsCreated[1]! + (MONITORED_DAYS + 1) * DAY),
  });
}

/** vetiver-python's `compute_metrics` table: one row per day and metric. */
function dailyMetrics(forest: AdsForest, rows: ReturnType<typeof syntheticAds>) {
  const days = [...new Set(rows.map((row) => row.aired))].sort();
  return tableFromRecords(
    days.flatMap((day) => {
      const errors = rows.filter((row) => row.aired === day).map((row) => predictAdsForest(forest, row) - row.like_count);
      const mae = errors.reduce((sum, error) => sum + Math.abs(error), 0) / errors.length;
      const rmse = Math.sqrt(errors.reduce((sum, error) => sum + error * error, 0) / errors.length);
      return [
        { index: day, n: errors.length, metric: 'mean_absolute_error', estimate: mae },
        { index: day, n: errors.length, metric: 'root_mean_squared_error', estimate: rmse },
      ];
    }),
  );
}

function featureEffects(rows: ReturnType<typeof syntheticAds>): Record<string, { with: number; without: number }> {
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  return Object.fromEntries(
    AD_FEATURES.map((feature) => [
      feature,
      {
        with: mean(rows.filter((row) => row[feature]).map((row) => row.like_count)),
        without: mean(rows.filter((row) => !row[feature]).map((row) => row.like_count)),
      },
    ]),
  );
}
