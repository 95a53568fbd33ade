import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Where GitHub and GitLab look for CODEOWNERS, relative to the repository root, in their order. */
const LOCATIONS = ['.github/CODEOWNERS', '.gitlab/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based line in the CODEOWNERS file. */
  line: number;
  /** GitLab section (`[Docs]`), or null outside sections and in GitHub files. */
  section: string | null;
  matches: (relativePath: string) => boolean;
}

export interface Codeowners {
  file: string;
  /** The folder patterns are relative to (the repository root). */
  root: string;
  rules: CodeownersRule[];
}

/**
 * Parses CODEOWNERS in GitHub or GitLab syntax. Patterns follow gitignore rules, with GitHub's one
 * exception: `docs/*` owns the files directly in `docs/`, not deeper ones. GitLab sections (`[Section]`, `^[Optional]`, `[Section][2]`) may name default owners
 * that entries without owners inherit. `\#` starts a pattern with `#`; `\ ` is a space in it.
 */
export function parseCodeowners(file: string, root: string, text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  let section: string | null = null;
  let defaults: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw).trim();
    if (!line) return;
    const header = /^\^?\[([^\]]+)\](?:\[\d+\])?\s*(.*)$/.exec(line);
    if (header) {
      section = header[1].trim();
      defaults = splitOwners(header[2]);
      return;
    }
    const [pattern, ...rest] = splitFields(line);
    const owners = rest.length ? rest : section ? defaults : [];
    rules.push({ pattern, owners, line: i + 1, section, matches: matcher(pattern) });
  });
  return { file, root, rules };
}

/** The rule that owns a path (relative to the repository root, `/`-separated): the last one that matches. */
export function ownerRule(codeowners: Codeowners, relativePath: string): CodeownersRule | undefined {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i];
    if (matchesPath(rule.matches, relativePath)) return rule;
  }
  return undefined;
}

function matchesPath(matches: (relativePath: string) => boolean, relativePath: string): boolean {
  return Boolean(relativePath) && !relativePath.startsWith('..') && matches(relativePath);
}

/**
 * A CODEOWNERS pattern as globs: a leading or inner `/` anchors it at the root, otherwise it
 * matches at any depth; a pattern also owns everything below a folder it names, unless its last
 * segment is a lone `*`.
 */
function matcher(pattern: string): (relativePath: string) => boolean {
  const unescaped = pattern.replace(/\\([# ])/g, '$1');
  const directory = unescaped.endsWith('/');
  const body = unescaped.replace(/^\//, '').replace(/\/$/, '');
  const anchored = unescaped.startsWith('/') || body.includes('/');
  const glob = anchored ? body : `**/${body}`;
  const globs = directory ? [`${glob}/**`] : body.endsWith('/*') || body === '*' ? [glob] : [glob, `${glob}/**`];
  return picomatch(globs, { dot: true });
}

const cache = new Map<string, { mtimeMs: number; parsed: Codeowners }>();

/** The CODEOWNERS of the repository that holds `start`: searched from `start` up to the folder with `.git`. */
export function findCodeowners(start: string): Codeowners | null {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    for (const location of LOCATIONS) {
      const file = path.join(dir, location);
      const stat = statOf(file);
      if (!stat) continue;
      const hit = cache.get(file);
      if (hit && hit.mtimeMs === stat.mtimeMs) return hit.parsed;
      const parsed = parseCodeowners(file, dir, fs.readFileSync(file, 'utf8'));
      cache.set(file, { mtimeMs: stat.mtimeMs, parsed });
      return parsed;
    }
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return null;
  }
}

function statOf(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

function stripComment(line: string): string {
  const at = line.search(/(^|[^\\])#/);
  return at < 0 ? line : line.slice(0, at === 0 && line[0] === '#' ? 0 : at + 1);
}

/** Fields split on unescaped whitespace. */
function splitFields(line: string): string[] {
  return line.split(/(?<!\\)\s+/).filter(Boolean);
}

function splitOwners(text: string): string[] {
  return splitFields(stripComment(text).trim());
}
