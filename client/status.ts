// The status bar item: what the server says about the team budget, or why it cannot say.
import * as vscode from 'vscode';
import type { StatusParams } from '../server/lsp/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('costlint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'costlint';
    this.starting();
    this.item.show();
  }

  /** The last status the server sent, for tests and the report. */
  current: StatusParams | undefined;

  show(params: StatusParams): void {
    this.current = params;
    this.item.text = params.text;
    this.item.tooltip = `${params.tooltip}\n\nClick for the workspace cost report.`;
    this.item.command = 'costlint.showCostReport';
    this.item.backgroundColor =
      params.state === 'over'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : params.state === 'unknown'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  starting(): void {
    this.item.text = '$(sync~spin) costlint';
    this.item.tooltip = 'costlint: starting the language server';
    this.item.command = 'costlint.showOutputChannel';
    this.item.backgroundColor = undefined;
  }

  stopped(): void {
    this.item.text = '$(circle-slash) costlint: stopped';
    this.item.tooltip = 'The costlint language server is not running. Click to see its output; run "costlint: Restart Server" to start it again.';
    this.item.command = 'costlint.showOutputChannel';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}
