// The HTML shell every webview app is loaded into, and its Content-Security-Policy. Pure strings
// (no vscode), so the policy can be unit-tested and rendered in a real browser.

export interface WebviewHtmlInput {
  /** `webview.cspSource`: the origin VS Code serves local resources from. */
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri` of dist/webview/<app>.js and .css. */
  scriptUri: string;
  styleUri: string;
  /** The page title (screen readers announce it). */
  title: string;
}

/**
 * Nothing is allowed unless listed: our bundle by nonce, our CSS and fonts from the extension,
 * images from the extension or inline data (toolkit icons). No connect-src: a webview never
 * fetches; its data arrives by postMessage. No 'unsafe-inline' styles: the toolkit styles its
 * components with constructable stylesheets and CSSOM, which style-src does not govern. Its one
 * <style> element (a `:focus-visible` support test, added and removed at start-up) carries the
 * nonce it reads from <meta property="csp-nonce">, hence the nonce in style-src too.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderWebviewHtml(input: WebviewHtmlInput): string {
  const nonce = escapeAttribute(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>${escapeAttribute(input.title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
