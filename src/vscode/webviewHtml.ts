import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Options every quiz webview gets: scripts on, only the extension's dist folder loadable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/**
 * The panel's HTML: a strict CSP with a per-load nonce, no inline script or style. main.js draws
 * the home screen; the Markdown renderer (markdown.js) is added by main.js, with the same nonce,
 * when a question is first shown.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, host: 'view' | 'panel' = 'view'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('styles.css')}">
<title>ML Associate Prep</title>
</head>
<body data-host="${host}" data-markdown="${asset('markdown.js')}">
<main id="app" aria-live="polite"><p>Loading…</p></main>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}
