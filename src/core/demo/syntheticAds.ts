/**
 * Synthetic "YouTube ads" data in the shape of the vetiver ads example: six yes/no features of a
 * Super Bowl ad and its like count. Seeded, so the demo board is the same on every machine.
 */
export const AD_FEATURES = ['funny', 'show_product', 'patriotic', 'celebrity', 'danger', 'animals'] as const;

export type AdFeature = (typeof AD_FEATURES)[number];
export type AdRow = Record<AdFeature, boolean> & { like_count: number; aired: string };

/** How many likes each feature adds on average; the rest is noise. */
const FEATURE_EFFECT: Record<AdFeature, number> = {
  funny: 900,
  show_product: -250,
  patriotic: 150,
  celebrity: 1200,
  danger: 700,
  animals: 400,
};

const FEATURE_RATE: Record<AdFeature, number> = {
  funny: 0.6,
  show_product: 0.5,
  patriotic: 0.2,
  celebrity: 0.3,
  danger: 0.35,
  animals: 0.4,
};

/** mulberry32: tiny, fast and good enough for reproducible demo data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  // Box–Muller; 1 - u keeps log away from 0.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface AdsOptions {
  rows: number;
  seed: number;
  /** First air date (UTC, YYYY-MM-DD); rows are spread one day apart in groups of `rowsPerDay`. */
  startDate?: string;
  rowsPerDay?: number;
}

export function syntheticAds({ rows, seed, startDate = '2021-01-01', rowsPerDay = 8 }: AdsOptions): AdRow[] {
  const random = seededRandom(seed);
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const result: AdRow[] = [];
  for (let i = 0; i < rows; i++) {
    const features = Object.fromEntries(AD_FEATURES.map((f) => [f, random() < FEATURE_RATE[f]])) as Record<AdFeature, boolean>;
    const signal = AD_FEATURES.reduce((sum, f) => sum + (features[f] ? FEATURE_EFFECT[f] : 0), 500);
    const likes = Math.max(0, Math.round(signal + 250 * normal(random)));
    const aired = new Date(start + Math.floor(i / rowsPerDay) * 86_400_000).toISOString().slice(0, 10);
    result.push({ like_count: likes, ...features, aired });
  }
  return result;
}
