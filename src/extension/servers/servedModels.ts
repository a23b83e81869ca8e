// What the Boards view needs to know about running predict servers (to mark served versions),
// without depending on how the server manager runs them.
import type { Event } from 'vscode';

export interface ServedModelInfo {
  /** Stable id of this server (one per board folder + pin). */
  id: string;
  boardFolder: string;
  boardName: string;
  pin: string;
  /** The version being served (after a switch, the new one); '' while a server asked for the latest is starting. */
  version: string;
  /** http://127.0.0.1:PORT, once ready. */
  url: string | null;
  port: number | null;
  state: 'starting' | 'running' | 'crashed' | 'stopping';
}

export interface ServedModels {
  readonly onDidChange: Event<void>;
  list(): readonly ServedModelInfo[];
}
