// The settings of a written app (`pinwheel write-app`): environment variables, validated in one
// place so that the server entry (src/server/appMain.ts) and the README the app ships with agree.
import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_PORT } from '../serverDefaults.js';
import { byteSize, portNumber } from '../serverSettingValues.js';

export const APP_ENV = {
  board: 'PINWHEEL_BOARD',
  pin: 'PINWHEEL_PIN',
  version: 'PINWHEEL_PIN_VERSION',
  host: 'HOST',
  port: 'PORT',
  bodyLimit: 'PINWHEEL_BODY_LIMIT',
} as const;

/**
 * onnxruntime-node 1.30's Linux library starts Microsoft's 1DS telemetry at the first session:
 * it writes `.ses` and `mat-debug-<pid>.log` into TMPDIR and tries HTTPS uploads. A written app
 * turns it off (the server must write nothing: read-only root file systems).
 */
export const ORT_TELEMETRY_ENV = 'ORT_DISABLE_TELEMETRY';

/** This machine only: a model API is not for the whole network unless the deployment says so (the Dockerfile sets 0.0.0.0). */

export interface AppSettings {
  board: string;
  pin: string;
  /** Undefined: the latest version. */
  version: string | undefined;
  host: string;
  port: number;
  /** Undefined: the server's default. */
  bodyLimit: number | undefined;
}

// Unset and empty mean "use the default": `PORT= node app.js` should not be an error.
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const required = (what: string) => z.preprocess(blankToUndefined, z.string({ error: `is not set: it must name ${what}` }).trim());

const schema = z.object({
  [APP_ENV.board]: required('the board folder holding the model pin (a path or file:///...)'),
  [APP_ENV.pin]: required('the model pin to serve'),
  [APP_ENV.version]: z.preprocess(blankToUndefined, z.string().trim().optional()),
  [APP_ENV.host]: z.preprocess(blankToUndefined, z.string().trim().default(DEFAULT_HOST)),
  [APP_ENV.port]: z.preprocess(blankToUndefined, portNumber.optional()),
  [APP_ENV.bodyLimit]: z.preprocess(blankToUndefined, byteSize.optional()),
});

export type AppSettingsResult = { ok: true; settings: AppSettings } | { ok: false; problems: string[] };

/**
 * Reads the app's settings from the environment. Each problem is one sentence naming the
 * variable, what it must be and what it was, e.g. "PORT must be a port number …, got 'http'".
 */
export function appSettingsFromEnv(env: NodeJS.ProcessEnv): AppSettingsResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'the environment');
      const given = env[variable];
      // Shared value checks say what the value must be; the required-variable check says it is not set.
      const problem = issue.message.startsWith('is ') ? issue.message : `must be ${issue.message}`;
      return `${variable} ${problem}${given === undefined || given.trim() === '' ? '' : `, got '${given}'`}.`;
    });
    return { ok: false, problems };
  }
  const data = parsed.data;
  return {
    ok: true,
    settings: {
      board: data[APP_ENV.board],
      pin: data[APP_ENV.pin],
      version: data[APP_ENV.version],
      host: data[APP_ENV.host],
      port: data[APP_ENV.port] ?? DEFAULT_PORT,
      bodyLimit: data[APP_ENV.bodyLimit],
    },
  };
}
