// Running wrk (https://github.com/wg/wrk) and reading its report, for `npm run bench:server`.
import { spawn, spawnSync } from 'node:child_process';

export interface WrkResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles in microseconds (wrk --latency). */
  p50: number;
  p75: number;
  p90: number;
  p99: number;
  /** Responses with a status outside 2xx/3xx: any of these makes the cell invalid. */
  non2xx: number;
  /** wrk's "Socket errors" line, when there was one. */
  socketErrors: string | null;
}

/** wrk's version line, or null when wrk is not installed. */
export function wrkVersion(): string | null {
  const run = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (run.error) return null;
  const line = `${run.stdout}${run.stderr}`.split('\n').find((l) => l.startsWith('wrk '));
  return line?.trim() ?? 'wrk (version unknown)';
}

/** A wrk Lua script that POSTs the bytes of `bodyFile` as JSON on every request. */
export function postScript(bodyFile: string): string {
  return [
    `local file = assert(io.open(${JSON.stringify(bodyFile)}, "rb"))`,
    'wrk.method = "POST"',
    'wrk.body = file:read("*a")',
    'file:close()',
    'wrk.headers["Content-Type"] = "application/json"',
    '',
  ].join('\n');
}

const UNIT_US: Record<string, number> = { us: 1, ms: 1000, s: 1_000_000, m: 60_000_000 };

function microseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`wrk printed a latency I cannot read: "${text}"`);
  return Number(match[1]) * (UNIT_US[match[2] ?? 'us'] ?? 1);
}

export function parseWrk(output: string): WrkResult {
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output);
    if (!match?.[1]) throw new Error(`wrk printed no ${p}% latency (was --latency passed?):\n${output}`);
    return microseconds(match[1]);
  };
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(output);
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!total?.[1] || !total[2] || !perSecond?.[1]) throw new Error(`wrk's report could not be read:\n${output}`);
  return {
    requests: Number(total[1]),
    seconds: microseconds(`${total[2]}${total[3]}`) / 1e6,
    requestsPerSecond: Number(perSecond[1]),
    p50: percentile(50),
    p75: percentile(75),
    p90: percentile(90),
    p99: percentile(99),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: /Socket errors:[^\n]*/.exec(output)?.[0] ?? null,
  };
}

/** `wrk -t1 -cC -dDs --latency -s SCRIPT URL`, resolved with wrk's parsed report. */
export function runWrk(options: { url: string; connections: number; seconds: number; script: string }): Promise<WrkResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '-s', options.script, options.url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`wrk ${args.join(' ')} exited with ${code}:\n${output}`));
      else {
        try {
          resolve(parseWrk(output));
        } catch (error) {
          reject(error as Error);
        }
      }
    });
  });
}
