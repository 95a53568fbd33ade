import * as fs from 'node:fs';
import * as path from 'node:path';
import { figuresOf, parseBudgetResponse } from '../contract';
import type { AdapterResult, BudgetAdapter } from './types';

/** A JSON file in the contract's shape (`budgets.file`), read from disk: no network, no token. */
export const staticAdapter: BudgetAdapter = {
  network: false,
  tokenRequired: false,
  async fetch(context): Promise<AdapterResult> {
    if (!context.config.file) return { ok: false, reason: 'budgets.file is not set' };
    const file = path.resolve(context.configDir, context.config.file);
    let text: string;
    try {
      if (fs.statSync(file).size > context.maxBytes) return { ok: false, reason: `${context.config.file} is too large` };
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return { ok: false, reason: `cannot read ${context.config.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: `${context.config.file} is not valid JSON` };
    }
    const parsed = parseBudgetResponse(body);
    if (!parsed.ok) return parsed;
    const match = parsed.response.budgets.find((e) => e.team === context.remote);
    return match ? { ok: true, figures: figuresOf(match, context.team) } : { ok: false, reason: `no budget for team "${context.remote}" in ${context.config.file}` };
  },
};
