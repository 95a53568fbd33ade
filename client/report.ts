// The workspace cost report as a webview: teams against their budgets, then files and their items.
import * as vscode from 'vscode';
import type { ReportResult } from '../server/lsp/protocol';

let panel: vscode.WebviewPanel | undefined;

export function showReport(report: ReportResult, context: vscode.ExtensionContext): void {
  if (!panel) {
    // No scripts; links are command URIs limited to opening a file at a line.
    panel = vscode.window.createWebviewPanel('costlint.report', 'costlint: cost report', vscode.ViewColumn.Beside, {
      enableScripts: false,
      enableCommandUris: ['vscode.open'],
    });
    panel.onDidDispose(() => (panel = undefined), undefined, context.subscriptions);
  }
  panel.webview.html = reportHtml(report);
  panel.reveal(undefined, true);
}

export function reportHtml(report: ReportResult): string {
  const teams = report.teams.length
    ? table(
        ['Team', 'Monthly', 'Budget', 'State'],
        report.teams.map((t) => [escape(t.team), money(t.monthly), t.budget === undefined ? '—' : money(t.budget), escape(t.state)]),
      )
    : '<p>No team owns these files yet (config <code>teams</code> or CODEOWNERS).</p>';
  const files = report.files.length
    ? table(
        ['File', 'Item', 'Monthly'],
        [...report.files]
          .sort((a, b) => b.monthly - a.monthly)
          .flatMap((f) => [
            [`<b>${escape(relative(f.uri))}</b>`, '', `<b>${money(f.monthly)}</b>`],
            ...f.items.map((i) => ['', `<a href="${openAt(f.uri, i.line)}">${escape(i.label)}</a> <small>(${escape(i.kind)}, line ${i.line + 1})</small>`, money(i.monthly)]),
          ]),
      )
    : '<p>Nothing in this workspace costs money yet.</p>';
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}table{border-collapse:collapse;margin-bottom:1.5em}
th,td{padding:2px 10px;text-align:left;border-bottom:1px solid var(--vscode-panel-border)}td:last-child,th:last-child{text-align:right}</style>
</head><body><h2>Estimated monthly cost: ${money(report.total)}</h2><h3>Teams</h3>${teams}<h3>Files</h3>${files}</body></html>`;
}

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function money(usd: number): string {
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function relative(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
}

function openAt(uri: string, line: number): string {
  const args = [vscode.Uri.parse(uri), { selection: { start: { line, character: 0 }, end: { line, character: 0 } } }];
  return escape(`command:vscode.open?${encodeURIComponent(JSON.stringify(args))}`);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
