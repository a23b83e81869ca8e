// The LZ4 frame codec behind Arrow pins: it must read the frames other tools write (the
// reference `lz4` tool, pyarrow) and write frames they read, and fail cleanly on damage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import xxhash from 'xxhash-wasm';
import { decodeLz4Frame, encodeLz4Frame, Lz4FormatError } from '../../src/core/pins/types/lz4Frame.js';
import { xxh32 } from '../../src/core/pins/types/xxh32.js';

/** The 70,000-character text the reference frames below were made from. */
const referenceText = Array.from({ length: 70000 }, (_, i) => 'pinwheel'[(i * i + (i >> 7)) % 8]).join('');

// Made with the reference implementation, lz4 1.9.4: `lz4 <options> ref.txt ref.lz4 && base64 ref.lz4`.
const referenceFrames: Record<string, string> = {
  'default (independent blocks, content checksum)':
    'BCJNGGRQCGABAABPcGloaQQAaU9pbmVuBABpT253ZXcEAGlPd2hsaAQAaU9oZXBlBABpP2VlaQQAaz9sbmwEAGlPbHB3cAQAaQ/8A2kAfAQP/A' +
    'NpDwAE////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////9pUHdud2V3AAAAAGvQ6w8=',
  '-B4 -BD -BX --content-size (linked 64 KiB blocks, block checksums, content size)':
    'BCJNGFxAcBEBAAAAAADjTgEAAE9waWhpBABpT2luZW4EAGlPbndldwQAaU93aGxoBABpT2hlcGUEAGk/ZWVpBABrP2xubAQAaU9scHdwBABpD/' +
    'wDaQB8BA/8A2kPAAT/////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '/////////////////////+dQcGxwd3CBoXN4IQAAAASI+w8IAGUPAPz/////////////////////6FB3bndld3ipuaEAAAAAa9DrDw==',
  '--no-frame-crc -12 (high compression, no checksum)':
    'BCJNGGBQ+1YBAABPcGloaQQAaU9pbmVuBABpT253ZXcEAGlPd2hsaAQAaU9oZXBlBABpP2VlaQQAaz9sbmwEAGlPbHB3cAQAaQ8ABP////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '//////////////////////////////////////////////////////////////////////////////////////////////////////////////' +
    '/////////////////////2ZQd253ZXcAAAAA',
};

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

test('xxh32 agrees with xxhash-wasm for every tail length and with a seed', async () => {
  const reference = await xxhash();
  for (let length = 0; length <= 70; length++) {
    const bytes = pseudoRandomBytes(length, length + 1);
    assert.equal(xxh32(bytes), reference.h32Raw(bytes, 0), `length ${length}`);
    assert.equal(xxh32(bytes, 0x9747b28c), reference.h32Raw(bytes, 0x9747b28c), `length ${length}, seeded`);
  }
  assert.equal(xxh32(new Uint8Array()), 0x02cc5d05); // published XXH32("") test vector
});

test('frames written by the reference lz4 tool decode to the original text', () => {
  for (const [options, base64] of Object.entries(referenceFrames)) {
    const frame = new Uint8Array(Buffer.from(base64, 'base64'));
    assert.equal(text(decodeLz4Frame(frame)), referenceText, options);
    assert.equal(text(decodeLz4Frame(frame, referenceText.length)), referenceText, `${options}, with expected length`);
  }
});

test('encode → decode restores every kind of input, and compresses repetitive data', () => {
  const inputs = [
    new Uint8Array(),
    new Uint8Array([7]),
    new TextEncoder().encode('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
    new TextEncoder().encode(referenceText),
    pseudoRandomBytes(100_000, 42), // incompressible: stored blocks
    new Uint8Array(5 * 1024 * 1024).map((_, i) => (i % 251) & (i >> 12)), // spans two 4 MiB blocks
  ];
  for (const input of inputs) {
    const frame = encodeLz4Frame(input);
    assert.deepEqual(decodeLz4Frame(frame, input.length), input, `${input.length} bytes`);
    assert.deepEqual(decodeLz4Frame(frame), input, `${input.length} bytes, length unknown`);
  }
  assert.ok(encodeLz4Frame(new TextEncoder().encode(referenceText)).length < 1000);
  assert.ok(encodeLz4Frame(pseudoRandomBytes(100_000, 42)).length <= 100_000 + 32);
});

test('written frames carry the standard header: magic, version 1, independent blocks, content checksum', () => {
  const frame = encodeLz4Frame(new TextEncoder().encode('header check'));
  assert.deepEqual([...frame.subarray(0, 4)], [0x04, 0x22, 0x4d, 0x18]);
  assert.equal(frame[4]! >> 6, 1);
  assert.equal(frame[4]! & 0x20, 0x20);
  assert.equal(frame[4]! & 0x04, 0x04);
});

test('damaged or truncated frames raise Lz4FormatError, never a hang or a wrong result', () => {
  const original = new TextEncoder().encode(referenceText);
  const frame = encodeLz4Frame(original);
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty', new Uint8Array(), /empty/],
    ['not a frame', new TextEncoder().encode('plain text, no frame'), /not LZ4 frame data/],
    ['header cut', frame.subarray(0, 6), /truncated/],
    ['cut mid-block', frame.subarray(0, 40), /truncated|middle/],
    ['end mark missing', frame.subarray(0, frame.length - 8), /truncated|middle/],
  ];
  const badHeader = frame.slice();
  badHeader[6] = badHeader[6]! ^ 0xff;
  cases.push(['header checksum', badHeader, /header checksum/]);
  const badContent = frame.slice();
  badContent[frame.length - 1] = badContent[frame.length - 1]! ^ 0xff;
  cases.push(['content checksum', badContent, /content checksum/]);
  for (const [label, bytes, message] of cases) {
    assert.throws(() => decodeLz4Frame(bytes), (error: unknown) => error instanceof Lz4FormatError && message.test(error.message), label);
  }
  assert.throws(() => decodeLz4Frame(frame, original.length - 1), /more than the \d+ bytes announced/);
  assert.throws(() => decodeLz4Frame(frame, original.length + 1), /but \d+ were announced/);
});

test('flipping any single byte of a frame never goes unnoticed or hangs', () => {
  const original = new TextEncoder().encode(referenceText.slice(0, 3000));
  const frame = encodeLz4Frame(original);
  for (let at = 0; at < frame.length; at++) {
    const damaged = frame.slice();
    damaged[at] = damaged[at]! ^ 0x5a;
    assert.throws(() => decodeLz4Frame(damaged, original.length), Lz4FormatError, `byte ${at}`);
  }
});
