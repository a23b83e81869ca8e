// The public face of the pins library: what the CLI, the predict server and the VS Code
// extension import. Anything not exported here is an implementation detail.

// Boards and how to open them.
export { Board, FLAT_VERSION, META_FILE } from './board.js';
export type { PinVersion, PruneResult, PruneRule, ReadResult, WriteOptions, WriteResult } from './board.js';
export { folderOf, openBoard } from './boardUri.js';
export type { OpenBoardOptions } from './boardUri.js';

// Errors.
export { isPinsError, PinsError } from './errors.js';
export type { PinsErrorCode } from './errors.js';

// Storage backends (for building a Board directly, and for future backends).
export type { BoardStorage, StagingArea, StorageEntry, StorageStat } from './storage.js';
export { FolderStorage } from './storage/folderStorage.js';
export { TempFolderStorage } from './storage/tempStorage.js';
export { localBoardPath } from './storage/localBoardPath.js';
export type { LocalBoardFlavour } from './storage/localBoardPath.js';

// The board manifest _pins.yaml.
export { buildManifest, MANIFEST_FILE, readManifest, renderManifest } from './manifest.js';
export type { Manifest } from './manifest.js';

// On-disk format: metadata, names, hashes.
export { parseDataTxt, renderDataTxt } from './format/meta.js';
export type { NewPinMeta, PinMeta } from './format/meta.js';
export { checkPinName } from './format/pinName.js';
export { formatCreated, isVersionName, makeVersionName, parseCreated, parseVersionName } from './format/versionName.js';
export { pinHashOfFiles, xxh64File, xxh64Hex } from './format/hash.js';

// Pin data types.
export { decodePinData, defaultTitle, defaultUploadTitle, describeSerializedObject, encodePinData, isPinType, isTable, PIN_TYPES, tableFromRecords, tableToRecords, WRITABLE_TYPES } from './types/index.js';
export type { PinContent, PinType, SerializedObjectInfo } from './types/index.js';
export { DATA_FILE_EXTENSIONS, dataTypeOfFile } from './types/dataFiles.js';
export type { DataFileType } from './types/dataFiles.js';
export type { Cell, ColumnType, Table } from './types/table.js';
