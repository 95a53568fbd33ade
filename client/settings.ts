// What the server may send over the network is the user's call, never the repo's: the origins a
// token may go to are taken from user settings only, whatever a workspace's settings say.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../server/lsp/protocol';

type ConfigurationMiddleware = NonNullable<NonNullable<Middleware['workspace']>['configuration']>;

export const userOnlyOrigins: ConfigurationMiddleware = async (params, token, next) => {
  const result = await next(params, token);
  if (!Array.isArray(result)) return result;
  return result.map((value: unknown, i) => {
    const item = params.items[i];
    if (item?.section !== SETTINGS_SECTION || value === null || typeof value !== 'object') return value;
    const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
    const origins = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<string[]>('budgets.allowedOrigins')?.globalValue ?? [];
    const settings = value as { budgets?: object };
    return { ...settings, budgets: { ...settings.budgets, allowedOrigins: origins } };
  });
};
