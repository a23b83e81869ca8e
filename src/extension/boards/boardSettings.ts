// The `pinwheel.boards` setting, checked with zod: each bad entry becomes a message in the Boards view
// that says which entry, what is wrong and how to fix it; the good entries still show.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { folderOf, localBoardPath } from '../../core/pins/index.js';
import type { BoardEntry } from './boardEntry.js';

const boardSettingSchema = z.object({
  name: z.string().trim().min(1, 'give the board a name (shown in the Boards view)'),
  uri: z.string().trim().min(1, 'give the board folder: a path, relative to the workspace folder or absolute, or a file:// URI'),
});

export interface BoardSettingsResult {
  boards: BoardEntry[];
  problems: string[];
}

/** `user:secret@` in a URI: credentials belong in VS Code's SecretStorage, never in settings. */
const CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i;

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}

/**
 * Reads the setting's value. `workspaceFolder` resolves relative paths (the first workspace folder);
 * without a workspace, relative paths are refused with a message.
 */
export function parseBoardSettings(value: unknown, workspaceFolder: string | undefined): BoardSettingsResult {
  const boards: BoardEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { boards, problems };
  if (!Array.isArray(value)) {
    problems.push('The setting pinwheel.boards must be a list of { "name": …, "uri": … } entries; it is not a list. Open Settings (JSON) to fix it.');
    return { boards, problems };
  }
  value.forEach((item: unknown, index) => {
    const where = `pinwheel.boards[${index}]`;
    const parsed = boardSettingSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map(describeIssue).join('; ')}. Each entry needs "name" and "uri".`);
      return;
    }
    const { name, uri } = parsed.data;
    if (CREDENTIALS.test(uri)) {
      problems.push(`${where} ("${name}"): the uri holds a user name and password. Remove them: Pinwheel keeps secrets in VS Code's secret storage, never in settings.`);
      return;
    }
    let folder: string;
    try {
      if (uri === 'local' || uri === 'local:r') folder = localBoardPath(uri === 'local' ? 'python' : 'r');
      else {
        const expanded = uri.startsWith('~/') ? path.join(os.homedir(), uri.slice(2)) : uri;
        if (!path.isAbsolute(expanded) && !/^[a-z][a-z0-9+.-]*:/i.test(expanded) && !workspaceFolder) {
          problems.push(`${where} ("${name}"): "${uri}" is a relative path, but no folder is open to resolve it against. Use an absolute path.`);
          return;
        }
        folder = folderOf(expanded, workspaceFolder ?? process.cwd());
      }
    } catch (error) {
      problems.push(`${where} ("${name}"): ${(error as Error).message}`);
      return;
    }
    boards.push({ id: folder, name, folder, source: 'setting', settingUri: uri });
  });
  return { boards, problems };
}
