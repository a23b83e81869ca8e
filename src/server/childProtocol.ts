/**
 * Messages between a parent process (the VS Code extension) and `pinwheel serve` started as its
 * child with an IPC channel. The parent waits for `ready` (or `failed`) before using the server.
 */

export type ParentMessage =
  /** Serve another version (null: the latest) without dropping requests. */
  | { type: 'switch'; version: string | null }
  /** Stop gracefully: finish in-flight requests, then exit. */
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string; host: string; port: number; name: string; version: string; pid: number; startupMs: number }
  | { type: 'failed'; message: string }
  | { type: 'switched'; version: string; previous: string }
  | { type: 'switch-failed'; version: string | null; message: string }
  | { type: 'stopping' };

export function isParentMessage(value: unknown): value is ParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; version?: unknown };
  if (message.type === 'stop') return true;
  return message.type === 'switch' && (message.version === null || typeof message.version === 'string');
}
