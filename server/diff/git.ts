import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A git failure the user can act on (unknown ref, shallow clone, not a repository). */
export class GitError extends Error {}

function git(cwd: string, args: string[], input?: Buffer): Buffer {
  // core.fsmonitor in a repo's .git/config would run a command on `git diff`: never in a repo we lint.
  const result = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false', ...args], { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new GitError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args[0]} failed: ${result.stderr.toString('utf8').trim()}`);
  return result.stdout;
}

/** The repository's top folder, or null outside a repository. */
export function repoRoot(cwd: string): string | null {
  try {
    return fs.realpathSync(git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim());
  } catch {
    return null;
  }
}

/** The commit where the current branch left `ref` (what a pull request is compared with). */
export function mergeBase(root: string, ref: string): string {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`unknown git ref "${ref}" (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)`);
  }
  try {
    return git(root, ['merge-base', ref, 'HEAD']).toString('utf8').trim();
  } catch {
    throw new GitError(`no merge-base between ${ref} and HEAD (a shallow clone? fetch more history, e.g. fetch-depth: 0)`);
  }
}

/**
 * Writes the tree of `commit` into a new temporary folder, through `git archive`: the repository,
 * its index and its working tree are never written. The caller removes the folder.
 */
export function exportTree(root: string, commit: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'costlint-base-'));
  const tar = git(root, ['archive', '--format=tar', commit]);
  const result = spawnSync('tar', ['-x', '-C', dir], { input: tar, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new GitError(`cannot unpack ${commit.slice(0, 12)}: ${result.error?.message ?? result.stderr.toString('utf8').trim()}`);
  }
  return fs.realpathSync(dir);
}

/** A file's text at a commit, or null when it did not exist there. */
export function showFile(root: string, commit: string, relativePath: string): string | null {
  try {
    return git(root, ['show', `${commit}:${relativePath}`]).toString('utf8');
  } catch {
    return null;
  }
}

/** 1-based inclusive line spans. */
export type LineSpans = [number, number][];

/**
 * Lines of the working tree that differ from `commit`, per repo-relative path, from
 * `git diff -U0`; untracked files count as changed throughout.
 */
export function changedLines(root: string, commit: string): Map<string, LineSpans> {
  const out = new Map<string, LineSpans>();
  const patch = git(root, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', commit, '--']).toString('utf8');
  let file: string | null = null;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4).replace(/\t$/, ''));
      file = target === '/dev/null' ? null : target.replace(/^b\//, '');
      if (file && !out.has(file)) out.set(file, []);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && file) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      // A pure deletion (count 0) touches the line after it: findings there may be about the removal.
      out.get(file)?.push(count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1]);
    }
  }
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z']).toString('utf8').split('\0').filter(Boolean);
  for (const file of untracked) out.set(file, [[1, Number.MAX_SAFE_INTEGER]]);
  return out;
}

/** Git quotes a path holding a double quote, a backslash, a tab or a newline, C-style. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const escapes: Record<string, string> = { t: '\t', n: '\n', '"': '"', '\\': '\\' };
  return text.slice(1, -1).replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c);
}
