// A fresh nonce for every render of a webview's HTML: the CSP lets only scripts carrying it run.
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}
