// LZ4 frame format (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md), the codec
// pyarrow and R's arrow use for Feather V2 / Arrow IPC record batch buffers. Pure TypeScript so
// the CLI bundle has no native add-on; every length read from the input is bounds-checked so a
// damaged file gives an Lz4FormatError, never an out-of-range read or an endless loop.
import { xxh32 } from './xxh32.js';

export class Lz4FormatError extends Error {
  override readonly name = 'Lz4FormatError';
}

const FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const BLOCK_MAX_SIZES: Record<number, number> = { 4: 1 << 16, 5: 1 << 18, 6: 1 << 20, 7: 1 << 22 };
const MIN_MATCH = 4;
const MAX_OFFSET = 65535;

function read32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) throw new Lz4FormatError('LZ4 data ends in the middle of a frame (truncated)');
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** A byte buffer that grows as decompressed output is appended; capped when the size is known. */
class Output {
  bytes: Uint8Array;
  length = 0;

  constructor(
    initial: number,
    private readonly limit: number | undefined,
  ) {
    this.bytes = new Uint8Array(Math.max(initial, 16));
  }

  reserve(extra: number): void {
    const needed = this.length + extra;
    if (this.limit !== undefined && needed > this.limit) {
      throw new Lz4FormatError(`LZ4 data decompresses to more than the ${this.limit} bytes announced`);
    }
    if (needed <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    if (this.limit !== undefined) size = Math.min(size, this.limit);
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  result(): Uint8Array {
    return this.bytes.length === this.length ? this.bytes : this.bytes.slice(0, this.length);
  }
}

/** Decodes one LZ4 block (the raw sequence format) from input[start, end) onto `out`. */
function decodeBlock(input: Uint8Array, start: number, end: number, out: Output): void {
  let at = start;
  const truncated = () => new Lz4FormatError('LZ4 block ends in the middle of a sequence (damaged data)');
  while (at < end) {
    const token = input[at++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      let extra: number;
      do {
        if (at >= end) throw truncated();
        extra = input[at++]!;
        literals += extra;
      } while (extra === 255);
    }
    if (at + literals > end) throw truncated();
    out.reserve(literals);
    out.bytes.set(input.subarray(at, at + literals), out.length);
    out.length += literals;
    at += literals;
    if (at === end) return; // the last sequence has literals only
    if (at + 2 > end) throw truncated();
    const offset = input[at]! | (input[at + 1]! << 8);
    at += 2;
    if (offset === 0 || offset > out.length) {
      throw new Lz4FormatError(`LZ4 block refers to data before its start (offset ${offset}; damaged data)`);
    }
    let matchLength = token & 15;
    if (matchLength === 15) {
      let extra: number;
      do {
        if (at >= end) throw truncated();
        extra = input[at++]!;
        matchLength += extra;
      } while (extra === 255);
    }
    matchLength += MIN_MATCH;
    out.reserve(matchLength);
    const bytes = out.bytes;
    let from = out.length - offset;
    let to = out.length;
    if (offset >= matchLength) {
      bytes.copyWithin(to, from, from + matchLength);
    } else {
      // overlapping copy: the match repeats bytes it is itself producing
      for (let i = 0; i < matchLength; i++) bytes[to++] = bytes[from++]!;
    }
    out.length += matchLength;
  }
}

/**
 * Decompresses one or more concatenated LZ4 frames (skippable frames are skipped).
 * `expectedLength`, when known (Arrow stores it), is enforced exactly.
 */
export function decodeLz4Frame(input: Uint8Array, expectedLength?: number): Uint8Array {
  const out = new Output(expectedLength ?? input.length * 3, expectedLength);
  let at = 0;
  if (input.length === 0) throw new Lz4FormatError('LZ4 data is empty');
  while (at < input.length) {
    const magic = read32(input, at);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      at += 8 + read32(input, at + 4);
      if (at > input.length) throw new Lz4FormatError('LZ4 skippable frame runs past the end of the data');
      continue;
    }
    if (magic !== FRAME_MAGIC) {
      throw new Lz4FormatError(`not LZ4 frame data (magic number 0x${magic.toString(16)}, expected 0x184d2204)`);
    }
    at = decodeFrame(input, at + 4, out);
  }
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new Lz4FormatError(`LZ4 data decompresses to ${out.length} bytes, but ${expectedLength} were announced`);
  }
  return out.result();
}

/** Decodes the frame whose descriptor starts at `at` (just after the magic number); returns the end offset. */
function decodeFrame(input: Uint8Array, at: number, out: Output): number {
  if (at + 3 > input.length) throw new Lz4FormatError('LZ4 frame header is truncated');
  const descriptorStart = at;
  const flags = input[at++]!;
  const blockDescriptor = input[at++]!;
  if (flags >>> 6 !== 1) throw new Lz4FormatError(`unsupported LZ4 frame version ${flags >>> 6}`);
  if (flags & 0x02 || blockDescriptor & 0x8f) throw new Lz4FormatError('LZ4 frame header has reserved bits set (damaged data)');
  const hasBlockChecksum = (flags & 0x10) !== 0;
  const hasContentSize = (flags & 0x08) !== 0;
  const hasContentChecksum = (flags & 0x04) !== 0;
  if (flags & 0x01) throw new Lz4FormatError('LZ4 frames that need a dictionary are not supported');
  const blockMaxSize = BLOCK_MAX_SIZES[(blockDescriptor >>> 4) & 7];
  if (blockMaxSize === undefined) throw new Lz4FormatError('LZ4 frame header has an invalid block size (damaged data)');
  let contentSize: number | undefined;
  if (hasContentSize) {
    if (at + 8 > input.length) throw new Lz4FormatError('LZ4 frame header is truncated');
    contentSize = read32(input, at) + read32(input, at + 4) * 2 ** 32;
    at += 8;
  }
  if (at >= input.length) throw new Lz4FormatError('LZ4 frame header is truncated');
  const headerChecksum = input[at]!;
  if (((xxh32(input.subarray(descriptorStart, at)) >>> 8) & 0xff) !== headerChecksum) {
    throw new Lz4FormatError('LZ4 frame header checksum does not match (damaged data)');
  }
  at++;
  const frameStart = out.length;
  for (;;) {
    const word = read32(input, at);
    at += 4;
    if (word === 0) break; // end mark
    const stored = (word & 0x80000000) !== 0;
    const size = word & 0x7fffffff;
    if (size > blockMaxSize) throw new Lz4FormatError(`LZ4 block of ${size} bytes exceeds the frame's maximum (damaged data)`);
    if (at + size + (hasBlockChecksum ? 4 : 0) > input.length) {
      throw new Lz4FormatError('LZ4 data ends in the middle of a block (truncated)');
    }
    if (hasBlockChecksum && xxh32(input.subarray(at, at + size)) !== read32(input, at + size)) {
      throw new Lz4FormatError('LZ4 block checksum does not match (damaged data)');
    }
    if (stored) {
      out.reserve(size);
      out.bytes.set(input.subarray(at, at + size), out.length);
      out.length += size;
    } else {
      decodeBlock(input, at, at + size, out);
    }
    at += size + (hasBlockChecksum ? 4 : 0);
  }
  const content = out.bytes.subarray(frameStart, out.length);
  if (contentSize !== undefined && content.length !== contentSize) {
    throw new Lz4FormatError(`LZ4 frame holds ${content.length} bytes, but its header announces ${contentSize}`);
  }
  if (hasContentChecksum) {
    if (xxh32(content) !== read32(input, at)) throw new Lz4FormatError('LZ4 content checksum does not match (damaged data)');
    at += 4;
  }
  return at;
}

const ENCODE_BLOCK_SIZE = 1 << 22; // 4 MiB blocks (block descriptor 7)
const HASH_BITS = 16;
const LAST_LITERALS = 5; // the format requires the last 5 bytes of a block to be literals
const MATCH_FIND_LIMIT = 12; // ... and the last match to start at least 12 bytes before the end

function writeLength(out: Uint8Array, at: number, length: number): number {
  let rest = length - 15;
  while (rest >= 255) {
    out[at++] = 255;
    rest -= 255;
  }
  out[at++] = rest;
  return at;
}

/** Greedy single-probe LZ4 block compressor (like lz4's fast mode); returns the compressed length. */
function encodeBlock(src: Uint8Array, start: number, end: number, out: Uint8Array, outStart: number): number {
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  let op = outStart;
  let anchor = start;
  let ip = start;
  const matchLimit = end - LAST_LITERALS;
  const lastMatchStart = end - MATCH_FIND_LIMIT;
  const word = (at: number) => src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24);
  while (ip <= lastMatchStart) {
    const sequence = word(ip);
    const hash = Math.imul(sequence, 2654435761) >>> (32 - HASH_BITS);
    const candidate = table[hash]!;
    table[hash] = ip;
    if (candidate < 0 || ip - candidate > MAX_OFFSET || word(candidate) !== sequence) {
      ip++;
      continue;
    }
    let matchLength = MIN_MATCH;
    while (ip + matchLength < matchLimit && src[candidate + matchLength] === src[ip + matchLength]) matchLength++;
    const literals = ip - anchor;
    const tokenAt = op++;
    if (literals >= 15) op = writeLength(out, op, literals);
    out.set(src.subarray(anchor, ip), op);
    op += literals;
    const offset = ip - candidate;
    out[op++] = offset & 0xff;
    out[op++] = offset >>> 8;
    const extra = matchLength - MIN_MATCH;
    if (extra >= 15) op = writeLength(out, op, extra);
    out[tokenAt] = (Math.min(literals, 15) << 4) | Math.min(extra, 15);
    ip += matchLength;
    anchor = ip;
  }
  const literals = end - anchor;
  const tokenAt = op++;
  if (literals >= 15) op = writeLength(out, op, literals);
  out[tokenAt] = Math.min(literals, 15) << 4;
  out.set(src.subarray(anchor, end), op);
  op += literals;
  return op - outStart;
}

function write32(out: Uint8Array, at: number, value: number): void {
  out[at] = value & 0xff;
  out[at + 1] = (value >>> 8) & 0xff;
  out[at + 2] = (value >>> 16) & 0xff;
  out[at + 3] = (value >>> 24) & 0xff;
}

/**
 * Compresses `input` as a single LZ4 frame: independent 4 MiB blocks and a content checksum
 * (the same layout as the `lz4` command line tool). Incompressible blocks are stored raw.
 */
export function encodeLz4Frame(input: Uint8Array): Uint8Array {
  const blockCount = Math.ceil(input.length / ENCODE_BLOCK_SIZE);
  // worst case per block: raw copy + 4-byte size; frame: magic, 3 header bytes, end mark, checksum
  const out = new Uint8Array(input.length + blockCount * 4 + 15 + Math.ceil(input.length / 255) + 16);
  write32(out, 0, FRAME_MAGIC);
  out[4] = 0x64; // version 01, independent blocks, content checksum
  out[5] = 0x70; // 4 MiB maximum block size
  out[6] = (xxh32(out.subarray(4, 6)) >>> 8) & 0xff;
  let op = 7;
  const scratch = new Uint8Array(Math.min(input.length, ENCODE_BLOCK_SIZE) + Math.ceil(ENCODE_BLOCK_SIZE / 255) + 16);
  for (let start = 0; start < input.length; start += ENCODE_BLOCK_SIZE) {
    const end = Math.min(start + ENCODE_BLOCK_SIZE, input.length);
    const size = encodeBlock(input, start, end, scratch, 0);
    if (size < end - start) {
      write32(out, op, size);
      out.set(scratch.subarray(0, size), op + 4);
      op += 4 + size;
    } else {
      write32(out, op, (end - start) | 0x80000000);
      out.set(input.subarray(start, end), op + 4);
      op += 4 + end - start;
    }
  }
  write32(out, op, 0);
  write32(out, op + 4, xxh32(input));
  return out.slice(0, op + 8);
}
