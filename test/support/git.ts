import { execFileSync } from 'node:child_process';
import { tempProject } from './cli';

/** A temporary git repository on `main` with `files` committed as "base", and a git runner for it. */
export function tempRepo(files: Record<string, string>): { dir: string; git: (...args: string[]) => string } {
  const dir = tempProject(files);
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { dir, git };
}
