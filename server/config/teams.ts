import * as path from 'node:path';
import type { BusinessUnit, FilePolicy } from '../engine/rule';
import { findCodeowners, ownerRule } from './codeowners';
import type { ConfigFile, TeamEntry } from './schema';
import type { ConfigOrigin } from './merge';
import type { KeyPath } from './parse';
import { defaultPolicy } from './settings';
import { matchesGlobs } from './globs';

export interface TeamMatch {
  team: string;
  /** How the team was found, for explanations: `teams.search` at a line, or a CODEOWNERS line. */
  via: { kind: 'config'; file?: string; line?: number } | { kind: 'codeowners'; file: string; line: number; owner: string };
}

interface TeamSource {
  root: string;
  config: ConfigFile;
  originOf(keyPath: KeyPath): ConfigOrigin | undefined;
}

const pathsOf = (entry: TeamEntry) => (Array.isArray(entry) ? entry : entry.paths);

/**
 * The team that owns a file. `teams.<name>` path globs first, the last matching team winning (so a
 * catch-all team can come first); then, with `codeowners` set, the repository's CODEOWNERS, last
 * matching line winning, its first owner that maps to a team.
 */
export function teamFor(loaded: TeamSource, filePath: string): TeamMatch | null {
  const relative = toPosix(path.relative(loaded.root, path.resolve(filePath)));
  let match: TeamMatch | null = null;
  for (const [team, entry] of Object.entries(loaded.config.teams ?? {})) {
    const paths = pathsOf(entry);
    if (paths.length && matchesGlobs(paths, relative)) {
      const at = loaded.originOf(['teams', team]);
      match = { team, via: { kind: 'config', file: at?.file, line: at?.line } };
    }
  }
  if (match || !loaded.config.codeowners) return match;
  const codeowners = findCodeowners(loaded.root);
  if (!codeowners) return null;
  const rule = ownerRule(codeowners, toPosix(path.relative(codeowners.root, path.resolve(filePath))));
  if (!rule) return null;
  for (const owner of rule.owners) {
    const team = teamOfOwner(owner, loaded.config.codeowners);
    if (team) return { team, via: { kind: 'codeowners', file: codeowners.file, line: rule.line, owner } };
  }
  return null;
}

/** `codeowners: true` names a team after the owner (`@acme/search` → search); a map names it explicitly. */
function teamOfOwner(owner: string, mapping: true | Record<string, string>): string | null {
  if (mapping === true) {
    const name = owner.replace(/^@+/, '').split('/').pop() ?? '';
    return name.includes('@') ? null : name || null;
  }
  return mapping[owner] ?? mapping[owner.replace(/^@/, '')] ?? null;
}

/** What the config says applies to files of a team: tags, allowed models, units. */
export function policyFor(loaded: TeamSource, team: string | null): FilePolicy {
  const policy = defaultPolicy();
  if (loaded.config.required_tags) policy.requiredTags = [...loaded.config.required_tags];
  policy.team = team;
  if (!team) return policy;
  policy.tagValues = { team };
  const entry = loaded.config.teams?.[team];
  if (!entry || Array.isArray(entry)) return policy;
  policy.requiredTags = [...new Set([...policy.requiredTags, ...(entry.required_tags ?? [])])];
  policy.tagValues = { team, ...entry.tags };
  policy.allowedModels = entry.allowed_models ?? [];
  policy.requireRequestMetadata = entry.request_metadata ?? false;
  policy.units = Object.entries(entry.units ?? {}).map(([name, volume]): BusinessUnit => {
    const at = loaded.originOf(['teams', team, 'units', name]);
    const perMonth = parseVolume(volume);
    return { name, perMonth, source: { kind: 'config', detail: `teams.${team}.units.${name}: ${perMonth.toLocaleString('en-US')}/month`, file: at?.file, line: at?.line } };
  });
  return policy;
}

/** `120000`, `120000/month`, `120k/month`, `1.5m` → a monthly count. */
export function parseVolume(volume: number | string): number {
  if (typeof volume === 'number') return volume;
  const match = /^\s*([\d,_]+(?:\.\d+)?)\s*([km])?/i.exec(volume);
  if (!match) return 0;
  const scale = match[2]?.toLowerCase() === 'k' ? 1e3 : match[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  return Number(match[1].replace(/[,_]/g, '')) * scale;
}

/** Every team the config names (for budget lookups and the estimate's team table). */
export function teamNames(config: ConfigFile): string[] {
  return Object.keys(config.teams ?? {});
}

const toPosix = (p: string) => p.split(path.sep).join('/');
