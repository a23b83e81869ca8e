// The `pinwheel.server.host` setting, checked before a server is started with it. Loaded on first
// serve (zod stays out of activation).
import { isIP } from 'node:net';
import * as vscode from 'vscode';
import { z } from 'zod';
import { DEFAULT_HOST } from '../../core/serverDefaults.js';

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const EXPECTED = 'an IP address or a host name, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface)';

const serverHost = z.string({ error: EXPECTED }).trim()
  .refine((host) => isIP(host) !== 0 || HOST_NAME.test(host), { error: EXPECTED });

/** The address servers listen on; throws a message naming the setting when it is not an address. */
export function serverHostSetting(): string {
  const value = vscode.workspace.getConfiguration('pinwheel').get<unknown>('server.host', DEFAULT_HOST) ?? DEFAULT_HOST;
  const parsed = serverHost.safeParse(value);
  if (!parsed.success) {
    throw new Error(`The setting pinwheel.server.host is ${JSON.stringify(value)}, but it must be ${parsed.error.issues[0]?.message ?? 'a host'}. Change it in Settings (or remove it to use ${DEFAULT_HOST}).`);
  }
  return parsed.data;
}
