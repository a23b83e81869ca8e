// Fuzzing the predict server over a real socket: thousands of malformed bodies (random JSON,
// wrong types per column, unicode, deep nesting, truncated JSON, random bytes, odd content
// types, very many rows, duplicate and prototype keys, huge strings, bodies around the body
// limit) must each get the answer a client can act on: never a 5xx, a JSON error with a
// message, 400 only for a body that is not JSON, 413 only above the limit, 422 otherwise, and
// 200 with one prediction per row for every valid body. Afterwards the server still answers,
// every request has released its model version, and memory is flat.
//
// Seeded: FUZZ_SEED=<n> reruns a failing run body for body (the seed is printed).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, type TestContext } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { ModelSlot } from '../../src/server/modelSlot.js';
import { closeToFloat32, expectedForest, FOREST_FEATURES, forestServer, servedForest } from '../support/servedForest.js';
import { skipWithoutShared } from '../support/sharedFixtures.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const SMALL_LIMIT = 64 * 1024;
const PREDICT = '/predict';
const INFER = '/v2/models/ads_rf/infer';

// ---------------------------------------------------------------------------------------------
// What the API promises (the oracle), written from its contract rather than from its code.

/** The spellings of true and false that R's and Python's clients send for a boolean column. */
const TRUE_TEXT = new Set(['true', 'True', 'TRUE', 't', 'T', 'yes', 'Yes', 'YES', 'y', 'on', '1']);
const FALSE_TEXT = new Set(['false', 'False', 'FALSE', 'f', 'F', 'no', 'No', 'NO', 'n', 'off', '0']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    if (TRUE_TEXT.has(value)) return true;
    if (FALSE_TEXT.has(value)) return false;
  }
  return undefined; // includes null and "NA": the forest's columns cannot be missing
}

/** The accepted shapes: [records], one record, {"data": [records]}, {"columns": [...], "data": [[...]]}. */
function recordsIn(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  const { data, columns } = value;
  if (!Array.isArray(data)) return [value];
  if (!Array.isArray(columns)) return data;
  if (!columns.every((c) => typeof c === 'string')) return undefined;
  return data.map((row: unknown) => (Array.isArray(row) ? Object.fromEntries(columns.map((c, i) => [c, row[i]])) : row));
}

function validRows(value: unknown): boolean[][] | undefined {
  const records = recordsIn(value);
  if (!records || records.length === 0) return undefined;
  const rows: boolean[][] = [];
  for (const record of records) {
    if (!isRecord(record)) return undefined;
    const row: boolean[] = [];
    for (const feature of FOREST_FEATURES) {
      const bit = asBoolean(record[feature]);
      if (bit === undefined) return undefined;
      row.push(bit);
    }
    rows.push(row);
  }
  return rows;
}

type Expectation = { status: 200; rows: boolean[][] } | { status: 400 | 413 | 422 };

function expectationOf(bytes: Buffer | null, limit: number): Expectation {
  const body = bytes ?? Buffer.alloc(0);
  if (body.length > limit) return { status: 413 };
  const text = body.toString('utf8');
  if (text.trim() === '') return { status: 400 };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400 };
  }
  const rows = validRows(value);
  return rows ? { status: 200, rows } : { status: 422 };
}

// ---------------------------------------------------------------------------------------------
// Bodies and the client.

interface FuzzBody {
  bytes: Buffer | null;
  /** Request headers; no Content-Type when absent. */
  headers: Record<string, string>;
  /** Sent with Transfer-Encoding: chunked (no Content-Length), in a few pieces. */
  chunked: boolean;
}

function body(bytes: Buffer | string | null, options: { headers?: Record<string, string>; chunked?: boolean } = {}): FuzzBody {
  return {
    bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
    headers: options.headers ?? { 'content-type': 'application/json' },
    chunked: options.chunked ?? false,
  };
}

function describeBody(fuzz: FuzzBody): string {
  if (fuzz.bytes === null) return `no body, headers ${JSON.stringify(fuzz.headers)}`;
  const text = fuzz.bytes.toString('utf8');
  const shown = text.length > 240 ? `${JSON.stringify(text.slice(0, 200))}…${JSON.stringify(text.slice(-30))}` : JSON.stringify(text);
  return `${shown} (${fuzz.bytes.length} bytes${fuzz.chunked ? ', chunked' : ''}, headers ${JSON.stringify(fuzz.headers)})`;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string } | { clientError: string };

// One keep-alive connection, as a client library would use; a 413 closes it and the agent reconnects.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(port: number, path: string, fuzz: FuzzBody, method = 'POST'): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (!settled) {
        settled = true;
        resolve(answer);
      }
    };
    const headers = { ...fuzz.headers };
    if (fuzz.bytes !== null && !fuzz.chunked) headers['content-length'] = String(fuzz.bytes.length);
    const request = http.request({ host: '127.0.0.1', port, path, method, headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => done({ clientError: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
    // Writing the rest of a body the server has already refused (413) may fail; the answer counts.
    request.on('error', (error) => setTimeout(() => done({ clientError: `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` }), 50));
    const bytes = fuzz.bytes;
    if (bytes === null) {
      request.end();
    } else if (fuzz.chunked) {
      const piece = Math.max(1, Math.ceil(bytes.length / 3));
      for (let offset = 0; offset < bytes.length; offset += piece) request.write(bytes.subarray(offset, offset + piece));
      request.end();
    } else {
      request.end(bytes);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Checking an answer.

class Tally {
  readonly statuses = new Map<number | string, number>();
  readonly failures: { index: number; fuzz: FuzzBody; problem: string }[] = [];
  sent = 0;
  readonly started = performance.now();

  count(status: number | string): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  summary(): string {
    const statuses = [...this.statuses].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([s, n]) => `${s}: ${n}`).join(', ');
    return `${this.sent} bodies (${statuses}) in ${((performance.now() - this.started) / 1000).toFixed(1)} s`;
  }
}

let totalSent = 0;
/** Prediction of the forest for each of the 64 combinations of the six features (bit i = feature i). */
let reference: number[] = [];

function comboOf(row: readonly boolean[]): number {
  return row.reduce((acc, bit, i) => acc | (bit ? 1 << i : 0), 0);
}

function problemWithError(answer: { headers: http.IncomingHttpHeaders; text: string }): string | undefined {
  if (!String(answer.headers['content-type'] ?? '').startsWith('application/json')) return `the error is not JSON (content-type ${answer.headers['content-type']})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return 'the error body is not JSON';
  }
  if (!isRecord(parsed)) return 'the error body is not an object';
  if (typeof parsed.error !== 'string' || parsed.error === '') return 'the error has no "error" string';
  if (typeof parsed.message !== 'string' || parsed.message.trim() === '') return 'the error has no "message"';
  if (!Array.isArray(parsed.details)) return 'the error has no "details" list';
  for (const detail of parsed.details) {
    if (!isRecord(detail) || typeof detail.problem !== 'string' || detail.problem === '') return `a detail is not {row, column, problem}: ${JSON.stringify(detail)}`;
    if (detail.row !== null && !Number.isInteger(detail.row)) return `a detail's row is not a row number: ${JSON.stringify(detail)}`;
    if (detail.column !== null && typeof detail.column !== 'string') return `a detail's column is not a name: ${JSON.stringify(detail)}`;
  }
  return undefined;
}

/** What is wrong with the answer to a POST /predict, or undefined when it is what the API promises. */
function problemWithPredict(expectation: Expectation, answer: Answer): string | undefined {
  if ('clientError' in answer) return `the response could not be read by Node's HTTP client: ${answer.clientError}`;
  if (answer.status >= 500) return `server error ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status !== expectation.status) return `expected ${expectation.status}, got ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400) {
    const problem = problemWithError(answer);
    return problem && `${answer.status}: ${problem}: ${answer.text.slice(0, 300)}`;
  }
  if (expectation.status !== 200) return undefined;
  let predict: unknown;
  try {
    predict = (JSON.parse(answer.text) as { predict?: unknown }).predict;
  } catch {
    return `200 but not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (!Array.isArray(predict) || predict.length !== expectation.rows.length) {
    return `200 with ${Array.isArray(predict) ? predict.length : 'no'} predictions for ${expectation.rows.length} rows`;
  }
  for (let i = 0; i < predict.length; i += 1) {
    const want = reference[comboOf(expectation.rows[i] ?? [])] ?? NaN;
    const got = predict[i];
    if (typeof got !== 'number' || !closeToFloat32(got, want)) return `row ${i}: predicted ${JSON.stringify(got)}, the same row alone gives ${want}`;
  }
  return undefined;
}

interface Target {
  port: number;
  limit: number;
}

/** Sends one body to POST /predict and records what is wrong with the answer; resolves with the round trip in ms. */
async function fuzzPredict(target: Target, fuzz: FuzzBody, tally: Tally, index: number): Promise<number> {
  const expectation = expectationOf(fuzz.bytes, target.limit);
  const sentAt = performance.now();
  const answer = await send(target.port, PREDICT, fuzz);
  const elapsed = performance.now() - sentAt;
  tally.sent += 1;
  totalSent += 1;
  tally.count('clientError' in answer ? 'unreadable' : answer.status);
  const problem = problemWithPredict(expectation, answer);
  if (problem) tally.failures.push({ index, fuzz, problem });
  return elapsed;
}

function assertNoFailures(t: TestContext, category: string, seed: number, tally: Tally): void {
  t.diagnostic(`${category}: ${tally.summary()}`);
  if (tally.failures.length === 0) return;
  const smallest = [...tally.failures].sort((a, b) => (a.fuzz.bytes?.length ?? 0) - (b.fuzz.bytes?.length ?? 0)).slice(0, 4);
  assert.fail(
    `${tally.failures.length} of ${tally.sent} ${category} bodies got a wrong answer (seed ${seed}; rerun with FUZZ_SEED=${SEED}). Smallest:\n` +
      smallest.map((f) => `  #${f.index}: ${describeBody(f.fuzz)}\n     → ${f.problem}`).join('\n'),
  );
}

/** Sends `count` bodies sampled from `arbitrary` (seeded), checking every answer; fails listing the smallest failures. */
async function runCategory(category: string, seedOffset: number, count: number, arbitrary: fc.Arbitrary<FuzzBody>, target: Target): Promise<Tally> {
  const seed = SEED + seedOffset;
  const tally = new Tally();
  // Generated in slices, so large bodies are not all held at once.
  for (let done = 0; done < count; done += 100) {
    const slice = fc.sample(arbitrary, { seed: seed + done, numRuns: Math.min(100, count - done) });
    for (const [i, fuzz] of slice.entries()) await fuzzPredict(target, fuzz, tally, done + i);
  }
  return tally;
}

// ---------------------------------------------------------------------------------------------
// Generators.

const VALID_ROW = `{${FOREST_FEATURES.map((f) => `"${f}":true`).join(',')}}`;

/** Raw JSON texts of cells the API accepts for a boolean column. */
const VALID_CELLS = ['true', 'false', '0', '1', '-0', '0.0', '1.0', '1e0', '0e10', '-0.0', '100e-2', '1.0000000000000001', '"true"', '"false"', '"TRUE"', '"False"', '"yes"', '"no"', '"1"', '"0"', '"T"', '"f"', '"on"', '"off"', '"\\u0074rue"'];
/** Raw JSON texts of cells it must refuse with 422. */
const INVALID_CELLS = [
  '2', '-1', '0.5', '1e308', '-1e308', '1e400', '-1e400', '5e-324', '123456789012345678901234567890', '-123456789012345678901234567890', '9007199254740993',
  'null', '"NA"', '"NaN"', '"nan"', '""', '" true"', '"true "', '"1.0"', '"2"', '"Infinity"', '"-0"', '"0x1"', '"1e400"', '"yes please"', '"✓"', '"null"', '"undefined"',
  '"\\u0000"', '"true\\u0000"', '"\\ud800"', '{}', '[]', '[true]', '{"value":true}', '[[[[true]]]]', '{"funny":true}', '{"__proto__":true}',
];
/** Raw texts that are not JSON at all (what Python's json.dumps writes for nan, JavaScript literals…). */
const NOT_JSON_CELLS = ['NaN', '-NaN', 'Infinity', '-Infinity', 'undefined', 'True', 'False', 'None', 'nil', '+1', '01', '.5', '1.', '0x1', "'true'", 'tru', '"unterminated', '"\u0001"', '"\t"'];

/** Awkward strings: lone surrogates, emoji, right-to-left text, NUL, BOM, look-alikes of true. */
const UNICODE = [
  '\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800b', '\udfff\ud800', '😀', '👩‍👩‍👧‍👦', '\u202e', '\u200f', 'مرحبا', 'עברית', '\u0000', '\u0000\u0000\u0000', '\ufeff', '\ufffe', '\uffff',
  'e\u0301', '\u2028', '\u2029', '\u00a0', 'ｔｒｕｅ', 'tru\u0435', 'ТRUE', 'İ', 'ß', '\u180e', 'true\u200b', '\u0000true', 'funny',
];

/** Any UTF-16 code units, lone surrogates included (fast-check's own string units avoid them). */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
const anyString = fc.oneof(fc.constantFrom(...UNICODE), codeUnits, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }));

/** Every code unit as a \uXXXX escape: the server must see the same text as when it is sent raw. */
function escapedJson(text: string): string {
  return `"${Array.from({ length: text.length }, (_, i) => `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`;
}

const stringCell = fc.tuple(anyString, fc.boolean()).map(([text, escape]) => (escape ? escapedJson(text) : JSON.stringify(text)));

const cellArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...VALID_CELLS), weight: 8 },
  { arbitrary: fc.constantFrom(...INVALID_CELLS), weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String), weight: 1 },
  { arbitrary: stringCell, weight: 1 },
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'data', 'columns'];
const extraKey = fc.oneof(
  fc.constantFrom(...PROTO_KEYS, '', ' funny', 'Funny', 'FUNNY', 'funny ', 'funny\u0000', 'ｆunny', 'funny\u200b', '\u0000', '\ud800', '\udfff', '😀', '\u202e'),
  anyString,
);
const keyText = (name: string, escape: boolean) => (escape ? escapedJson(name) : JSON.stringify(name));

/** One record as raw JSON text: each feature usually present (escaped spelling sometimes), extra keys, duplicates, any order. */
const recordArb = (cell: fc.Arbitrary<string>, extras: fc.Arbitrary<string> = extraKey): fc.Arbitrary<string> =>
  fc
    .record({
      cells: fc.tuple(...FOREST_FEATURES.map(() => cell)),
      present: fc.tuple(...FOREST_FEATURES.map(() => fc.nat(19).map((n) => n > 0))),
      escaped: fc.tuple(...FOREST_FEATURES.map(() => fc.nat(9).map((n) => n === 0))),
      extras: fc.array(fc.tuple(extras, cell), { maxLength: 3 }),
      duplicates: fc.array(fc.tuple(fc.constantFrom(...FOREST_FEATURES), cell), { maxLength: 2 }),
      order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    })
    .map(({ cells, present, escaped, extras: extraEntries, duplicates, order }) => {
      const entries = FOREST_FEATURES.flatMap((name, i) => (present[i] ? [`${keyText(name, escaped[i] ?? false)}:${cells[i]}`] : []));
      entries.push(...extraEntries.map(([key, value]) => `${JSON.stringify(key)}:${value}`));
      const sorted = entries.map((entry, i) => ({ entry, rank: order[i % order.length] ?? i })).sort((a, b) => a.rank - b.rank).map((e) => e.entry);
      // Duplicated feature keys come last: JSON.parse keeps the last one, as Python's json does.
      sorted.push(...duplicates.map(([name, value]) => `${JSON.stringify(name)}:${value}`));
      return `{${sorted.join(',')}}`;
    });

/** Records wrapped in one of the accepted shapes, with optional whitespace. */
const rowsBodyArb = (record: fc.Arbitrary<string>, maxRows = 6): fc.Arbitrary<string> =>
  fc
    .record({ records: fc.array(record, { minLength: 1, maxLength: maxRows }), shape: fc.constantFrom('array', 'array', 'data', 'single'), pad: fc.constantFrom('', ' ', '\n', '\r\n\t ') })
    .map(({ records, shape, pad }) => {
      const list = `[${pad}${records.join(`,${pad}`)}${pad}]`;
      const text = shape === 'data' ? `{"data":${list}}` : shape === 'single' ? (records[0] ?? '{}') : list;
      return `${pad}${text}${pad}`;
    });

/** pandas' split orientation: {"columns": [...], "data": [[...], ...]}. */
const splitBodyArb = (cell: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .record({
      columns: fc.shuffledSubarray([...FOREST_FEATURES, 'extra', '__proto__'], { minLength: 5 }),
      rows: fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
    })
    .map(({ columns, rows }) => `{"columns":${JSON.stringify(columns)},"data":[${rows.map((r) => `[${r.slice(0, columns.length).join(',')}]`).join(',')}]}`);

const validCell = fc.constantFrom(...VALID_CELLS);
const safeExtraKey = fc.constantFrom('id', 'notes', 'Funny', 'row_name', 'x y', 'ünïcødé', '😀', '__proto__', 'constructor');
const validBodyArb: fc.Arbitrary<FuzzBody> = fc
  .oneof(rowsBodyArb(recordArb(validCell, safeExtraKey).filter((r) => validRows(JSON.parse(r)) !== undefined), 50), splitBodyArb(validCell).filter((b) => validRows(JSON.parse(b)) !== undefined))
  .map((text) => body(text));

const randomJsonArb: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.json().map((text) => body(text)),
  fc
    .anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, withNullPrototype: true, withObjectString: true })
    .map((value) => {
      const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
      return body(text === undefined ? null : text);
    }),
);

const wrongTypesArb: fc.Arbitrary<FuzzBody> = fc.oneof(
  { arbitrary: fc.oneof(rowsBodyArb(recordArb(cellArb)), splitBodyArb(cellArb)).map((text) => body(text)), weight: 9 },
  // One cell that is not JSON at all (Python's json.dumps writes NaN and Infinity): 400, not 422.
  { arbitrary: fc.tuple(fc.constantFrom(...NOT_JSON_CELLS), fc.constantFrom(...FOREST_FEATURES)).map(([cell, feature]) => body(`[${VALID_ROW.replace(`"${feature}":true`, `"${feature}":${cell}`)}]`)), weight: 1 },
);

/** Unicode everywhere: in values, in keys (feature look-alikes), escaped or raw, and raw bytes that are not UTF-8. */
const BAD_UTF8 = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xff], [0xfe, 0xff], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];
const unicodeArb: fc.Arbitrary<FuzzBody> = fc.oneof(
  rowsBodyArb(recordArb(fc.oneof(stringCell, validCell), fc.oneof(fc.constantFrom(...UNICODE), codeUnits))).map((text) => body(text)),
  fc
    .record({ record: recordArb(validCell, safeExtraKey), bad: fc.constantFrom(...BAD_UTF8), where: fc.constantFrom('value', 'key', 'outside') })
    .map(({ record, bad, where }) => {
      const bytes = Buffer.from(bad);
      if (where === 'outside') return body(Buffer.concat([Buffer.from(`[${record}]`), bytes]));
      const open = where === 'key' ? '[{"' : '[{"funny":"';
      const rest = where === 'key' ? `":1,${record.slice(1)}]` : `",${record.slice(1)}]`;
      return body(Buffer.concat([Buffer.from(open), bytes, Buffer.from(rest)]));
    }),
  fc.tuple(fc.constantFrom(...UNICODE), fc.constantFrom(...FOREST_FEATURES)).map(([text, feature]) => body(`[${VALID_ROW.replace(`"${feature}":true`, `"${feature}":${JSON.stringify(text)}`)}]`)),
);

function nested(depth: number, open: string, close: string, inner: string): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

const deepArb: fc.Arbitrary<FuzzBody> = fc
  .record({ depth: fc.constantFrom(100, 1_000, 10_000, 100_000), kind: fc.constantFrom('arrays', 'objects', 'mixed', 'unclosed', 'in-cell', 'in-extra-key', 'in-data', 'in-columns') })
  .map(({ depth, kind }) => {
    const row = VALID_ROW.slice(1, -1);
    switch (kind) {
      case 'arrays': return body(nested(depth, '[', ']', ''));
      case 'objects': return body(nested(depth, '{"a":', '}', '1'));
      case 'mixed': return body(nested(depth, '[{"funny":', '}]', 'true'));
      case 'unclosed': return body('['.repeat(depth));
      case 'in-cell': return body(`[{${row},"funny":${nested(depth, '[', ']', 'true')}}]`);
      case 'in-extra-key': return body(`[{${row},"extra":${nested(depth, '{"a":[', ']}', 'null')}}]`);
      case 'in-data': return body(`{"data":${nested(depth, '[', ']', VALID_ROW)}}`);
      default: return body(`{"columns":${JSON.stringify(FOREST_FEATURES)},"data":[${nested(depth, '[', ']', 'true')}]}`);
    }
  });

/** Valid bodies cut at any byte (inside a multi-byte character too). */
const truncatedArb: fc.Arbitrary<FuzzBody> = fc
  .tuple(fc.oneof(validBodyArb, unicodeArb), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([whole, at]) => {
    const bytes = whole.bytes ?? Buffer.alloc(0);
    return body(bytes.subarray(0, Math.floor(at * bytes.length)));
  });

const randomBytesArb: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => body(Buffer.from(bytes))),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => body(Buffer.concat([Buffer.from('[{"funny":'), Buffer.from(bytes)]))),
  fc.array(fc.constantFrom(...'[]{}",:0123456789.eE+-truefalsnl \n\\u'.split('')), { maxLength: 200 }).map((chars) => body(chars.join(''))),
);

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=UTF-16', 'application/json; charset=latin1', 'text/plain', 'text/csv',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/octet-stream', 'image/png', 'application/xml', '', ' ', ';',
  'application/json;;', '///', 'application/*', '*/*', 'application/json,text/plain', 'application/json\\', 'APPLICATION/JSON', 'application/json; charset="utf-8"', 'application/vnd.api+json', 'application/ld+json',
];
const headerText = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', 'é', '\u00ff'), maxLength: 60 });
const contentTypeArb: fc.Arbitrary<FuzzBody> = fc
  .record({
    payload: fc.oneof(validBodyArb, wrongTypesArb, randomBytesArb),
    contentType: fc.oneof(fc.constant(undefined), fc.constantFrom(...CONTENT_TYPES), headerText),
    chunked: fc.boolean(),
    noBody: fc.nat(9).map((n) => n === 0),
  })
  .map(({ payload, contentType, chunked, noBody }) =>
    body(noBody ? null : payload.bytes, { headers: contentType === undefined ? {} : { 'content-type': contentType }, chunked }));

type ManyRowsKind = 'valid' | 'valid-split' | 'one-bad-at-end' | 'empty-objects' | 'all-bad';

/** Very many rows: valid ones (every combination, as records or split), or refused ones. */
function manyRows(rows: number, kind: ManyRowsKind): FuzzBody {
  const combo = (i: number) => (i * 37) % 64;
  const record = (i: number) => `{${FOREST_FEATURES.map((f, b) => `"${f}":${combo(i) & (1 << b) ? 'true' : 'false'}`).join(',')}}`;
  switch (kind) {
    case 'valid': return body(`[${Array.from({ length: rows }, (_, i) => record(i)).join(',')}]`);
    case 'valid-split': return body(`{"columns":${JSON.stringify(FOREST_FEATURES)},"data":[${Array.from({ length: rows }, (_, i) => `[${FOREST_FEATURES.map((_f, b) => (combo(i) & (1 << b) ? 1 : 0)).join(',')}]`).join(',')}]}`);
    case 'one-bad-at-end': return body(`[${Array.from({ length: rows - 1 }, (_, i) => record(i)).join(',')},${VALID_ROW.replace('"animals":true', '"animals":2')}]`);
    case 'empty-objects': return body(`[${'{},'.repeat(rows - 1)}{}]`);
    case 'all-bad': return body(`[${Array.from({ length: rows }, () => '{"funny":"maybe","show_product":null,"patriotic":[],"celebrity":{},"danger":"NA","animals":1e400}').join(',')}]`);
  }
}

const MANY_ROWS: [number, ManyRowsKind][] = [
  [1_000, 'valid'], [20_000, 'valid'], [100_000, 'valid'], [1_000, 'valid-split'], [100_000, 'valid-split'], [1_000, 'one-bad-at-end'], [100_000, 'one-bad-at-end'],
  [1_000, 'empty-objects'], [20_000, 'empty-objects'], [1_000, 'all-bad'], [20_000, 'all-bad'],
];

/** Duplicate keys, prototype keys at every level, and shapes that mix wrappers. */
const protoArb: fc.Arbitrary<FuzzBody> = fc.oneof(
  rowsBodyArb(recordArb(fc.oneof(validCell, cellArb), fc.constantFrom(...PROTO_KEYS))).map((text) => body(text)),
  fc
    .record({ key: fc.constantFrom(...PROTO_KEYS), value: fc.constantFrom(`[${VALID_ROW}]`, VALID_ROW, '{"funny":false}', '{"data":[]}', 'null', '[]', `{"data":[${VALID_ROW}]}`), wrap: fc.constantFrom('top', 'in-row', 'beside-data', 'columns') })
    .map(({ key, value, wrap }) => {
      const k = JSON.stringify(key);
      switch (wrap) {
        case 'top': return body(`{${k}:${value}}`);
        case 'in-row': return body(`[{${VALID_ROW.slice(1, -1)},${k}:${value}}]`);
        case 'beside-data': return body(`{${k}:${value},"data":[${VALID_ROW}],${k}:${value}}`);
        default: return body(`{"columns":[${JSON.stringify(FOREST_FEATURES).slice(1, -1)},${k}],"data":[[true,true,true,true,true,true,${value}]]}`);
      }
    }),
  fc
    .tuple(fc.constantFrom(...FOREST_FEATURES), fc.array(validCell.chain((v) => fc.constantFrom(v, '2', '"NA"')), { minLength: 2, maxLength: 5 }))
    .map(([feature, values]) => body(`[{${VALID_ROW.slice(1, -1)},${values.map((v) => `"${feature}":${v}`).join(',')}}]`)),
);

/** Huge strings where a user could put them: values, extra keys and their values, number literals, padding. */
const hugeArb: fc.Arbitrary<FuzzBody> = fc
  .record({ size: fc.constantFrom(20_000, 65_536, 1_000_000, 4_000_000), kind: fc.constantFrom('cell', 'extra-value', 'extra-key', 'invalid-row-key', 'number-literal', 'decimal-literal', 'whitespace', 'nul-cell', 'message-key') })
  .map(({ size, kind }) => {
    const row = VALID_ROW.slice(1, -1);
    switch (kind) {
      case 'cell': return body(`[{${row},"funny":"${'t'.repeat(size)}"}]`);
      case 'extra-value': return body(`[{${row},"notes":"${'é'.repeat(size / 2)}"}]`);
      case 'extra-key': return body(`[{${row},"${'k'.repeat(size)}":1}]`);
      case 'invalid-row-key': return body(`[{"${'k'.repeat(size)}":1}]`);
      case 'number-literal': return body(`[{${row},"funny":1${'0'.repeat(size)}}]`);
      case 'decimal-literal': return body(`[{${row},"funny":0.${'0'.repeat(size)}1}]`);
      case 'whitespace': return body(`${' '.repeat(size)}[${VALID_ROW}]${'\n'.repeat(size)}`);
      case 'nul-cell': return body(`[{${row},"danger":"${'\\u0000'.repeat(size / 6)}"}]`);
      default: return body(`[{"${'\\ud800'.repeat(size / 6)}":true}]`);
    }
  });

/** Bodies around the 64 KiB limit, with a Content-Length or chunked (the limit is then found while reading). */
function filler(seed: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed | 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}
const aroundLimitArb: fc.Arbitrary<FuzzBody> = fc
  .record({ delta: fc.oneof(fc.integer({ min: -64, max: 64 }), fc.integer({ min: 1, max: 256 * 1024 })), kind: fc.constantFrom('padded-row', 'rows', 'bytes', 'one-bad-row'), chunked: fc.boolean(), seed: fc.integer() })
  .map(({ delta, kind, chunked, seed }) => {
    const size = SMALL_LIMIT + delta;
    if (kind === 'bytes') return body(filler(seed, size), { chunked });
    // Valid JSON of exactly `size` bytes: whole rows, then spaces before the closing bracket.
    const unit = VALID_ROW;
    const rows = kind === 'padded-row' ? 1 : Math.max(1, Math.floor((size - 1) / (unit.length + 1)));
    const text = `[${Array.from({ length: rows }, (_, i) => (kind === 'one-bad-row' && i === rows - 1 ? unit.replace('"danger":true', '"danger":"?"') : unit)).join(',')}`;
    return body(`${text}${' '.repeat(Math.max(0, size - text.length - 1))}]`, { chunked });
  });

// ---------------------------------------------------------------------------------------------
// Bodies picked by hand: each was a bug or is an edge worth keeping whatever the seed.

const HAND_PICKED: FuzzBody[] = [
  body(null, { headers: {} }), body(''), body(' \n\t'), body('\ufeff'), body(`\ufeff[${VALID_ROW}]`), body('null'), body('true'), body('0'), body('""'), body('"[]"'),
  body('[]'), body('{}'), body('[[]]'), body('[null]'), body('[{}]'), body('{"data":[]}'), body('{"data":null}'), body('{"data":{}}'), body('{"columns":[1],"data":[[true]]}'),
  body('{"columns":[],"data":[[]]}'), body(`{"columns":"funny","data":[${VALID_ROW}]}`), body(`[${VALID_ROW}]`), body(VALID_ROW), body(`{"data":[${VALID_ROW}]}`),
  body(`[${VALID_ROW.replace('"funny":true', '"funny":NaN')}]`), body(`[${VALID_ROW.replace('"funny":true', '"funny":1e400')}]`), body(`[${VALID_ROW.replace('"funny":true', '"funny":-0')}]`),
  body(`[${VALID_ROW.replace('"funny":true', '"funny":123456789012345678901234567890')}]`), body(`[${VALID_ROW.replace('"funny":true', '"funny":"NA"')}]`),
  body(`[${VALID_ROW.replace('"funny":true', '"funny":null')}]`), body(`[${VALID_ROW.replace('"funny":true', '"funny":"\\ud800"')}]`),
  // An ignored extra column named with a lone surrogate, or a NUL, or a very long name: the rows are valid.
  body(`[{${VALID_ROW.slice(1, -1)},"\\ud800":1}]`), body(`[{${VALID_ROW.slice(1, -1)},"\\udfff\\ud800":1}]`), body(`[{${VALID_ROW.slice(1, -1)},"\\u0000":1}]`),
  body(`[{${VALID_ROW.slice(1, -1)},"${'k'.repeat(20_000)}":1}]`), body(`[{${VALID_ROW.slice(1, -1)},${Array.from({ length: 20 }, (_, i) => `"${String(i).repeat(1000)}":1`).join(',')}}]`),
  body(`[{${VALID_ROW.slice(1, -1)},"__proto__":{"funny":false}}]`), body(`{"__proto__":[${VALID_ROW}]}`), body(`{"__proto__":{"data":[${VALID_ROW}]}}`),
  body(`[{"constructor":{"prototype":{"funny":true}},${VALID_ROW.slice(1, -1)}}]`), body(`[${VALID_ROW.replace('"funny":true', '"funny":true,"funny":2')}]`),
  body(`[${VALID_ROW.replace('"funny":true', '"funny":2,"funny":true')}]`), body(nested(100_000, '[', ']', '')), body(nested(100_000, '{"a":', '}', '1')), body('['.repeat(100_000)),
  body(`[${VALID_ROW}`), body(`[${VALID_ROW}]]`), body(`[${VALID_ROW},]`), body(`[${VALID_ROW}] [${VALID_ROW}]`), body(Buffer.from([0xff, 0xfe, 0x5b, 0x00, 0x5d, 0x00])),
  body(`[${VALID_ROW}]`, { headers: { 'content-type': 'text/plain' } }), body(`[${VALID_ROW}]`, { headers: {} }), body(`[${VALID_ROW}]`, { headers: { 'content-type': '' } }),
  body(`[${VALID_ROW}]`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), body(`[${VALID_ROW}]`, { chunked: true }),
  // Two media types joined by a comma, as some HTTP libraries merge a repeated header.
  body(`[${VALID_ROW}]`, { headers: { 'content-type': 'application/json,text/plain' } }), body(`[${VALID_ROW}]`, { headers: { 'content-type': 'a/b c' } }),
];

/** The largest bodies of the run, sent during the warm-up so the memory high-water mark is reached before it is measured. */
const LARGEST: (() => FuzzBody)[] = [
  () => manyRows(100_000, 'valid'), () => manyRows(100_000, 'valid-split'), () => body(`[{${VALID_ROW.slice(1, -1)},"notes":"${'é'.repeat(2_000_000)}"}]`),
  () => body(`${' '.repeat(4_000_000)}[${VALID_ROW}]${'\n'.repeat(4_000_000)}`), () => body(nested(100_000, '[', ']', '')), () => body(nested(100_000, '{"a":', '}', '1')),
  () => body(`[{${VALID_ROW.slice(1, -1)},"funny":1${'0'.repeat(4_000_000)}}]`), () => body(`[{${VALID_ROW.slice(1, -1)},"danger":"${'\\u0000'.repeat(600_000)}"}]`),
];

// ---------------------------------------------------------------------------------------------
// Open Inference Protocol: the same server's other predict route (errors there are 400s).

const V2_DATATYPES = ['BOOL', 'INT64', 'FP64', 'BYTES', 'FP32', 'UINT8', 'bool', 'STRING', ''];
const inferArb: fc.Arbitrary<{ fuzz: FuzzBody; rows?: boolean[][] }> = fc.oneof(
  fc.array(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 20 }).map((rows) => ({
    rows,
    fuzz: body(JSON.stringify({ inputs: FOREST_FEATURES.map((name, i) => ({ name, shape: [rows.length], datatype: 'BOOL', data: rows.map((r) => r[i]) })) })),
  })),
  randomJsonArb.map((fuzz) => ({ fuzz })),
  fc
    .record({
      inputs: fc.array(
        fc.record({
          name: fc.oneof(fc.constantFrom(...FOREST_FEATURES), anyString),
          shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 5 }), { maxLength: 3 }), fc.constant([1])),
          datatype: fc.constantFrom(...V2_DATATYPES),
          data: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.constant([true]), fc.constant([[true], [false]])),
        }),
        { maxLength: 7 },
      ),
      id: fc.oneof(fc.constant(undefined), anyString, fc.integer()),
    })
    .map((request) => ({ fuzz: body(JSON.stringify(request)) })),
  fc.constantFrom(100, 1_000, 10_000, 100_000).map((depth) => ({
    fuzz: body(`{"inputs":[{"name":"funny","shape":[1],"datatype":"BOOL","data":${nested(depth, '[', ']', 'true')}}]}`),
  })),
);

// ---------------------------------------------------------------------------------------------

function exposedGc(): () => void {
  // Not started with --expose-gc (npm's test:node): turn it on for this process.
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

interface MemoryNumbers {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

function memoryAfterGc(gc: () => void): MemoryNumbers {
  for (let i = 0; i < 3; i += 1) gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

describe('predict server under fuzzing over a real socket', skipWithoutShared, () => {
  let main: { app: FastifyInstance; slot: ModelSlot };
  let small: { app: FastifyInstance; slot: ModelSlot };
  let mainTarget: Target;
  let smallTarget: Target;
  const gc = exposedGc();
  let afterWarmUp: MemoryNumbers | undefined;
  const started = performance.now();

  before(async () => {
    main = await forestServer();
    small = await forestServer({ bodyLimit: SMALL_LIMIT });
    await main.app.listen({ host: '127.0.0.1', port: 0 });
    await small.app.listen({ host: '127.0.0.1', port: 0 });
    mainTarget = { port: (main.app.server.address() as AddressInfo).port, limit: 20 * 1024 * 1024 };
    smallTarget = { port: (small.app.server.address() as AddressInfo).port, limit: SMALL_LIMIT };
    // The forest's answer for each of the 64 possible rows, asked in one request.
    const combos = Array.from({ length: 64 }, (_, c) => Object.fromEntries(FOREST_FEATURES.map((f, i) => [f, (c & (1 << i)) !== 0])));
    const answer = await send(mainTarget.port, PREDICT, body(JSON.stringify(combos)));
    assert.ok(!('clientError' in answer) && answer.status === 200, 'the 64 possible rows are predicted');
    reference = (JSON.parse(answer.text) as { predict: number[] }).predict;
    const expected = expectedForest();
    expected.rows.forEach((row, i) => {
      const want = expected.onnx_float32_latest_model[i] ?? NaN;
      assert.ok(closeToFloat32(reference[comboOf(FOREST_FEATURES.map((f) => row[f] === true))] ?? NaN, want), `the reference prediction of fixture row ${i} is ${want}`);
    });
  });

  after(async () => {
    agent.destroy();
    await main?.app.close();
    await small?.app.close();
    await main?.slot.dispose();
    await small?.slot.dispose();
  });

  it(`warm-up: 1,000 mixed bodies (seed ${SEED})`, async (t) => {
    t.diagnostic(`seed ${SEED}; rerun with FUZZ_SEED=${SEED}`);
    const mixed = fc.oneof(randomJsonArb, wrongTypesArb, truncatedArb, randomBytesArb, validBodyArb, contentTypeArb, unicodeArb, protoArb);
    let tally: Tally;
    try {
      tally = await runCategory('warm-up', 0, 1_000 - LARGEST.length, mixed, mainTarget);
      for (const [i, make] of LARGEST.entries()) await fuzzPredict(mainTarget, make(), tally, 1_000 - LARGEST.length + i);
    } finally {
      afterWarmUp = memoryAfterGc(gc);
    }
    t.diagnostic(`after warm-up: rss ${mib(afterWarmUp.rss)}, heapUsed ${mib(afterWarmUp.heapUsed)}, external ${mib(afterWarmUp.external)}`);
    assertNoFailures(t, 'warm-up', SEED, tally);
  });

  it('hand-picked edge bodies', async (t) => {
    const tally = new Tally();
    for (const [i, fuzz] of HAND_PICKED.entries()) await fuzzPredict(mainTarget, fuzz, tally, i);
    assertNoFailures(t, 'hand-picked', SEED, tally);
  });

  const categories: { name: string; count: number; arbitrary: () => fc.Arbitrary<FuzzBody>; small?: boolean }[] = [
    { name: 'random JSON values (fc.json, fc.anything)', count: 1_000, arbitrary: () => randomJsonArb },
    { name: 'rows with wrong types per column', count: 1_500, arbitrary: () => wrongTypesArb },
    { name: 'unicode: lone surrogates, emoji, RTL, NUL, invalid UTF-8', count: 600, arbitrary: () => unicodeArb },
    { name: 'deep nesting (up to 100,000 levels)', count: 40, arbitrary: () => deepArb },
    { name: 'valid JSON truncated at a random byte', count: 800, arbitrary: () => truncatedArb },
    { name: 'random bytes', count: 500, arbitrary: () => randomBytesArb },
    { name: 'odd, wrong or absent content types, chunked bodies, no body', count: 400, arbitrary: () => contentTypeArb },
    { name: 'duplicate keys and __proto__/constructor keys', count: 400, arbitrary: () => protoArb },
    { name: 'huge strings (up to 4 MB)', count: 30, arbitrary: () => hugeArb },
    { name: 'bodies around a 64 KiB body limit', count: 300, arbitrary: () => aroundLimitArb, small: true },
    { name: 'valid rows in every accepted shape', count: 600, arbitrary: () => validBodyArb },
  ];
  for (const [index, category] of categories.entries()) {
    it(`${category.name}: ${category.count.toLocaleString('en-US')} bodies`, async (t) => {
      const tally = await runCategory(category.name, index + 1, category.count, category.arbitrary(), category.small ? smallTarget : mainTarget);
      assertNoFailures(t, category.name, SEED + index + 1, tally);
    });
  }

  it(`very many rows (up to 100,000): ${MANY_ROWS.length} bodies, refused no slower than predicted`, async (t) => {
    const tally = new Tally();
    const took = new Map<string, number>();
    for (const [index, [rows, kind]] of MANY_ROWS.entries()) took.set(`${kind} ${rows}`, await fuzzPredict(mainTarget, manyRows(rows, kind), tally, index));
    t.diagnostic(`round trips: ${[...took].map(([what, ms]) => `${what}: ${Math.round(ms)} ms`).join(', ')}`);
    assertNoFailures(t, 'very many rows', SEED, tally);
    // Validation blocks the server's only thread: refusing N bad rows must not take much longer than predicting N good ones.
    const slow = MANY_ROWS.filter(([, kind]) => kind === 'empty-objects' || kind === 'all-bad').flatMap(([rows, kind]) => {
      const refused = took.get(`${kind} ${rows}`) ?? 0;
      const predicted = took.get(`valid ${rows}`) ?? 0;
      const bytes = manyRows(rows, kind).bytes?.length ?? 0;
      return refused > Math.max(1_000, 5 * predicted)
        ? [`${rows.toLocaleString('en-US')} rows of ${kind} (${Math.round(bytes / 1024)} KiB) took ${Math.round(refused)} ms to refuse; ${rows.toLocaleString('en-US')} valid rows are predicted in ${Math.round(predicted)} ms`]
        : [];
    });
    assert.deepEqual(slow, [], `refusing bad rows blocks the server (no other request is answered meanwhile):\n  ${slow.join('\n  ')}`);
  });

  it('Open Inference infer route: 200 bodies, never a 5xx, errors as JSON', async (t) => {
    const tally = new Tally();
    const seed = SEED + 100;
    for (const [index, { fuzz, rows }] of fc.sample(inferArb, { seed, numRuns: 200 }).entries()) {
      const answer = await send(mainTarget.port, INFER, fuzz);
      tally.sent += 1;
      totalSent += 1;
      tally.count('clientError' in answer ? 'unreadable' : answer.status);
      let problem: string | undefined;
      if ('clientError' in answer) problem = `the response could not be read: ${answer.clientError}`;
      else if (answer.status >= 500) problem = `server error ${answer.status}: ${answer.text.slice(0, 300)}`;
      else if (rows && answer.status !== 200) problem = `a valid request got ${answer.status}: ${answer.text.slice(0, 300)}`;
      else if (answer.status !== 200 && answer.status !== 400) problem = `expected 200 or 400, got ${answer.status}`;
      else if (answer.status === 400) problem = problemWithError(answer);
      else if (rows) {
        const output = (JSON.parse(answer.text) as { outputs: { name: string; data: number[] }[] }).outputs.find((o) => o.name === 'predict');
        const bad = rows.findIndex((row, i) => !closeToFloat32(output?.data[i] ?? NaN, reference[comboOf(row)] ?? NaN));
        if (output?.data.length !== rows.length || bad >= 0) problem = `wrong predictions: ${answer.text.slice(0, 300)}`;
      }
      if (problem) tally.failures.push({ index, fuzz, problem });
    }
    assertNoFailures(t, 'Open Inference', seed, tally);
  });

  it('afterwards: /ping answers, prototypes are untouched, every request released its model version, memory is flat', async (t) => {
    const ping = await send(mainTarget.port, '/ping', body(null, { headers: {} }), 'GET');
    assert.ok(!('clientError' in ping), 'GET /ping is answered');
    assert.equal(ping.status, 200);
    assert.deepEqual(JSON.parse(ping.text), { ping: 'pong' });
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'funny'), false, 'no key of a body reached Object.prototype');
    assert.equal(({} as Record<string, unknown>).funny, undefined);

    // Switching versions waits for the old one's requests: it resolves only if no request kept its lease.
    const drained = main.slot.switchTo(await servedForest('20261127T000000Z-after'));
    const timeout = new Promise<'leaked'>((resolve) => setTimeout(() => resolve('leaked'), 5_000).unref());
    assert.notEqual(await Promise.race([drained, timeout]), 'leaked', 'the previous version is released (no request kept it)');
    const predicted = await send(mainTarget.port, PREDICT, body(`[${VALID_ROW}]`));
    assert.ok(!('clientError' in predicted) && predicted.status === 200 && predicted.headers['x-model-version'] === '20261127T000000Z-after', 'the next request is served by the new version');

    const end = memoryAfterGc(gc);
    const start = afterWarmUp ?? end;
    const heapGrowth = end.heapUsed - start.heapUsed;
    const rssGrowth = end.rss - start.rss;
    t.diagnostic(
      `${totalSent.toLocaleString('en-US')} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; after the warm-up → at the end (after gc): ` +
        `heapUsed ${mib(start.heapUsed)} → ${mib(end.heapUsed)} (${heapGrowth >= 0 ? '+' : ''}${mib(heapGrowth)}), ` +
        `heapTotal ${mib(start.heapTotal)} → ${mib(end.heapTotal)}, rss ${mib(start.rss)} → ${mib(end.rss)} (${rssGrowth >= 0 ? '+' : ''}${mib(rssGrowth)}), external ${mib(start.external)} → ${mib(end.external)}`,
    );
    assert.ok(totalSent >= 5_000, `at least 5,000 bodies were sent (${totalSent})`);
    assert.ok(heapGrowth < 16 * 1024 * 1024, `the heap grew by ${mib(heapGrowth)} after the warm-up (limit 16 MiB)`);
    assert.ok(rssGrowth < 128 * 1024 * 1024, `the resident set grew by ${mib(rssGrowth)} after the warm-up (limit 128 MiB)`);
  });
});
