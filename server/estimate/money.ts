/** USD with as many digits as the amount needs: $1,234, $12.50, $0.0042. */
export function formatUsd(amount: number): string {
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (abs === 0) return '$0';
  if (abs >= 1000) return `${sign}$${Math.round(abs).toLocaleString('en-US')}`;
  if (abs >= 1) return `${sign}$${abs.toFixed(2)}`;
  if (abs >= 0.01) return `${sign}$${abs.toFixed(3).replace(/0$/, '')}`;
  return `${sign}$${abs.toPrecision(2)}`;
}

/** A per-month figure, `$1,234/mo`. */
export function formatMonthly(amount: number): string {
  return `${formatUsd(amount)}/mo`;
}

export function formatTokens(tokens: number): string {
  return tokens >= 10_000 ? `${(tokens / 1000).toFixed(tokens >= 100_000 ? 0 : 1)}k` : tokens.toLocaleString('en-US');
}
