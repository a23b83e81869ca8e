// A table read from a data file or a data pin: the prototype sample of "Pin Model from ONNX File…".
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dataTypeOfFile, decodePinData, tableFromRecords, type Board, type PinContent, type Table } from '../../core/pins/index.js';

function isRecordArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
}

function tableOf(content: PinContent | { kind: 'files' }, what: string): Table {
  if (content.kind === 'table') return content.table;
  if (content.kind === 'json' && isRecordArray(content.value)) return tableFromRecords(content.value);
  throw new Error(`${what} is not a table, but the prototype is built from a sample of the training rows: choose a csv, json (array of rows), arrow or parquet file or pin.`);
}

export async function sampleFromFile(file: string): Promise<{ table: Table; source: string }> {
  const format = dataTypeOfFile(file);
  const source = path.basename(file);
  if (!format) throw new Error(`${source} is not a data file Pinwheel reads (.csv, .json, .arrow/.feather, .parquet).`);
  const bytes = await readFile(file);
  const content = await decodePinData(format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { pin: 'prototype', version: null, file: source });
  return { table: tableOf(content, source), source };
}

export async function sampleFromPin(board: Board, name: string): Promise<{ table: Table; source: string }> {
  const meta = await board.meta(name);
  const source = `pin "${name}" version ${meta.version}`;
  return { table: tableOf(await board.read(name, meta.version), source), source };
}
