/**
 * The built-in demo board that `npm start` opens: synthetic ads data pinned in every table
 * format, with two versions of the main pin. Creation times are fixed, so the version names
 * are the same on every machine (they depend only on the bytes and the time).
 */
import { AD_FEATURES, syntheticAds } from './syntheticAds.js';
import type { Board } from '../pins/board.js';
import { tableFromRecords } from '../pins/types/table.js';

export const DEMO_PINS = ['ads', 'ads_arrow', 'ads_parquet', 'ads_feature_effects'] as const;

const DAY = 86_400_000;

export async function writeDemoBoard(board: Board): Promise<void> {
  const firstBatch = syntheticAds({ rows: 160, seed: 2021 });
  const allRows = syntheticAds({ rows: 320, seed: 2021 });
  const common = {
    description: 'Synthetic Super Bowl ads: six yes/no features and the like count. Made by Pinwheel for its demo.',
    tags: ['demo', 'ads'],
    forceIdentical: true,
  };
  const created = Date.UTC(2021, 0, 20, 9, 30, 0);
  await board.write(tableFromRecords(firstBatch), {
    ...common, name: 'ads', type: 'csv', title: 'Ads (first 20 days)',
    metadata: { seed: 2021, rows: firstBatch.length }, created: new Date(created),
  });
  await board.write(tableFromRecords(allRows), {
    ...common, name: 'ads', type: 'csv', title: 'Ads (40 days)',
    metadata: { seed: 2021, rows: allRows.length }, created: new Date(created + 20 * DAY),
  });
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
