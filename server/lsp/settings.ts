import { DEFAULT_SETTINGS, type CostlintSettings } from './protocol';

/** Deep-merges the settings a client sends onto the defaults (clients may send any subset). */
export function mergeSettings(received: unknown): CostlintSettings {
  const r = (received && typeof received === 'object' ? received : {}) as Partial<Record<keyof CostlintSettings, any>>;
  const d = DEFAULT_SETTINGS;
  const monthlyCalls = Number(r.usage?.monthlyCalls);
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules: { customizations: Array.isArray(r.rules?.customizations) ? r.rules.customizations.filter((c: any) => c && typeof c.rule === 'string' && typeof c.severity === 'string') : [] },
    inlayHints: { enabled: typeof r.inlayHints?.enabled === 'boolean' ? r.inlayHints.enabled : d.inlayHints.enabled },
    codeLens: { enabled: typeof r.codeLens?.enabled === 'boolean' ? r.codeLens.enabled : d.codeLens.enabled },
    usage: { monthlyCalls: Number.isFinite(monthlyCalls) && monthlyCalls >= 0 && r.usage?.monthlyCalls !== null && r.usage?.monthlyCalls !== undefined ? monthlyCalls : null },
    budgets: { allowedOrigins: Array.isArray(r.budgets?.allowedOrigins) ? r.budgets.allowedOrigins.filter((o: unknown) => typeof o === 'string') : [] },
    offline: typeof r.offline === 'boolean' ? r.offline : d.offline,
    diff: { base: typeof r.diff?.base === 'string' ? r.diff.base.trim() : d.diff.base },
  };
}
