// pin_hash as pins-python and pins-r compute it: xxHash64 (seed 0) of the raw file bytes,
// printed as 16 lowercase hex digits (spec §1.3). Files are hashed in fixed-size chunks so a
// multi-gigabyte model never has to fit in memory.
import { open } from 'node:fs/promises';
import { PinsError } from '../errors.js';
import { loadNativeXxh64, loadWasmXxh64, type Xxh64Backend } from './xxh64Backends.js';

/** Bytes read per step when hashing a file; memory use stays at about this size. */
const FILE_CHUNK_BYTES = 4 << 20;

let backend: Promise<Xxh64Backend> | undefined;

/** The native hasher where this platform has its binary, else the portable WebAssembly one; loaded once. */
function loadBackend(): Promise<Xxh64Backend> {
  backend ??= loadNativeXxh64().catch(() => loadWasmXxh64());
  return backend;
}

/** Which implementation hashes here ('native' or 'wasm'), for diagnostics. */
export async function xxh64BackendName(): Promise<Xxh64Backend['name']> {
  return (await loadBackend()).name;
}

/** The 64-bit digest is a BigInt: leading zeros must be put back. */
function toHex64(digest: bigint): string {
  return digest.toString(16).padStart(16, '0');
}

export async function xxh64Hex(bytes: Uint8Array): Promise<string> {
  return toHex64((await loadBackend()).hash(bytes));
}

/** An incremental xxh64 (seed 0): feed chunks with `update`, then read `digestHex()` once. */
export async function createXxh64(): Promise<{ update(chunk: Uint8Array): void; digestHex(): string }> {
  const state = (await loadBackend()).create();
  return {
    update(chunk: Uint8Array): void {
      state.update(chunk);
    },
    digestHex(): string {
      return toHex64(state.digest());
    },
  };
}

export async function xxh64File(path: string): Promise<string> {
  const hash = await createXxh64();
  try {
    // One reused buffer: a read stream would allocate a new chunk per read (3x slower here).
    const file = await open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, buffer.byteLength, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
      }
    } finally {
      await file.close();
    }
  } catch (error) {
    throw new PinsError('io', `Cannot read ${path} to compute its hash: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return hash.digestHex();
}

/**
 * The pin_hash of a version from the hashes of its files. One file: its own hash (both
 * languages). Several files: pins-python's rule, xxh64 of the hex digests concatenated in
 * file order. (pins-r uses rlang::hash() there, which cannot be reproduced; its 32-digit
 * hashes are only ever read back, never recomputed.)
 */
export async function pinHashOfFiles(fileHashes: string[]): Promise<string> {
  const [first] = fileHashes;
  if (first === undefined) {
    throw new PinsError('invalid-argument', 'A pin needs at least one file: there is nothing to hash.');
  }
  if (fileHashes.length === 1) return first;
  return xxh64Hex(new TextEncoder().encode(fileHashes.join('')));
}
