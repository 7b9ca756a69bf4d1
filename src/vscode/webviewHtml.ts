import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/** Options every quiz webview gets: scripts on, only the extension's dist folder loadable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** The stylesheets, in the order the page applies them. */
const STYLESHEETS = [['codicons', 'codicon.css'], ['styles.css']] as const;
/** Their text, read once per extension host (about 50 KB). */
let sheetsText: string | undefined;

/**
 * The page's styles as one text for a <style> element carrying the nonce. Each stylesheet the page
 * links is one more request through the webview's resource loader, and the page's script waits for
 * them: in code-server the two sheets made the page load about 75 ms slower than a page with the
 * script alone (integration run, paired with a bare webview view). The icon font keeps its own
 * request (it does not hold up the first paint). Undefined if the files cannot be read: the page
 * then links them as before.
 */
function inlineStyles(extensionUri: vscode.Uri, fontUri: string): string | undefined {
  try {
    sheetsText ??= STYLESHEETS.map((p) => readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...p).fsPath, 'utf8')).join('\n');
  } catch {
    return undefined;
  }
  // The font's relative address would resolve against the page, not against codicon.css.
  return sheetsText.replace(/url\("\.\/codicon\.ttf[^"]*"\)/g, `url("${fontUri}")`);
}

/**
 * The panel's HTML: a strict CSP with a per-load nonce, no inline script, the styles in one
 * <style> element with the nonce. main.js draws the home screen; the Markdown renderer
 * (markdown.js) is added by main.js, with the same nonce, when a question is first shown.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, host: 'view' | 'panel' = 'view'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...p)).toString();
  const styles = inlineStyles(extensionUri, asset('codicons', 'codicon.ttf'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    styles === undefined ? `style-src ${webview.cspSource}` : `style-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const head = styles === undefined
    ? STYLESHEETS.map((p) => `<link rel="stylesheet" href="${asset(...p)}">`).join('\n')
    : `<style nonce="${nonce}">\n${styles}\n</style>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${head}
<title>ML Associate Prep</title>
</head>
<body data-host="${host}" data-markdown="${asset('markdown.js')}">
<main id="app" aria-live="polite"><p>Loading…</p></main>
<script nonce="${nonce}" src="${asset('main.js')}"></script>
</body>
</html>`;
}
