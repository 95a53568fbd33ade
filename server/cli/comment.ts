import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, UsageError, type Cli } from './main';
import { BUDGET_FLAGS, BUDGET_HELP, budgetTeams, fetchBudgets, runConfig } from './budgets';
import { baseAnalysis } from './check';
import { lintPaths } from '../engine/run';
import { analyseBase } from '../diff';
import { repoRoot } from '../diff/git';
import { markdown } from '../formats/markdown';
import { ApiError, postGithubComment, postGitlabNote, type Behavior, type CommentOutcome } from '../comment';

const HELP = `Usage: costlint comment github [paths...] [--pr <n>] [--repo <owner/name>] [options]
       costlint comment gitlab [paths...] [--project <id>] [--mr <iid>] [options]

Posts the cost report as one pull request comment (GitHub) or merge request note (GitLab), and
updates that same comment on the next run (found by a hidden marker).

GitHub: token from GITHUB_TOKEN; API from GITHUB_API_URL (default https://api.github.com);
  --pr defaults to the pull request of GITHUB_REF, --repo to GITHUB_REPOSITORY.
GitLab: token from GITLAB_TOKEN (PRIVATE-TOKEN) or CI_JOB_TOKEN; API from CI_API_V4_URL;
  --project defaults to CI_PROJECT_ID, --mr to CI_MERGE_REQUEST_IID.

Options:
      --base <git-ref>      show the cost diff against the merge-base and only new findings
      --body-file <path>    post this markdown (e.g. from check --format markdown:<path>) instead
      --behavior <b>        update (default: edit the earlier comment), new, or delete-and-new
  -c, --config <path>       use this .costlint.yaml instead of the nearest one
${BUDGET_HELP}`;

const BEHAVIORS: readonly Behavior[] = ['update', 'new', 'delete-and-new'];

export async function runComment(args: string[], cli: Cli): Promise<number> {
  const [host, ...rest] = args;
  if (host === '--help' || host === '-h' || host === undefined) {
    cli.stdout(HELP);
    return host === undefined ? 2 : 0;
  }
  if (host !== 'github' && host !== 'gitlab') throw new UsageError(`comment: unknown host "${host}" (github or gitlab)`);
  const { values, positionals } = parse(rest, {
    pr: { type: 'string' },
    repo: { type: 'string' },
    project: { type: 'string' },
    mr: { type: 'string' },
    base: { type: 'string' },
    'body-file': { type: 'string' },
    behavior: { type: 'string', default: 'update' },
    config: { type: 'string', short: 'c' },
    ...BUDGET_FLAGS,
  });
  if (values.help) {
    cli.stdout(HELP);
    return 0;
  }
  const behavior = values.behavior as Behavior;
  if (!BEHAVIORS.includes(behavior)) throw new UsageError(`--behavior is one of ${BEHAVIORS.join(', ')}`);
  if (values.offline) throw new UsageError('comment posts to the code host: it does not run with --offline');
  const env = cli.env;
  // Check the target before the (slower) analysis, so a typo fails fast.
  const post: (body: string) => Promise<CommentOutcome> =
    host === 'github' ? githubPoster(values, env, behavior) : gitlabPoster(values, env, behavior);
  const body = values['body-file'] ? readBody(cli, values['body-file']) : await reportBody(cli, positionals, values);
  let outcome: CommentOutcome;
  try {
    outcome = await post(body);
  } catch (error) {
    if (error instanceof ApiError) {
      cli.stderr(`costlint: cannot post the comment: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (outcome.action === 'skipped') cli.stderr(`costlint: comment skipped: ${outcome.reason}\n`);
  else cli.stdout(`costlint: ${outcome.action} the ${host === 'github' ? 'pull request comment' : 'merge request note'}${outcome.deleted ? ` (removed ${outcome.deleted} earlier)` : ''}${outcome.url ? `: ${outcome.url}` : ''}\n`);
  return 0;
}

type Values = { pr?: string; repo?: string; project?: string; mr?: string };

function githubPoster(values: Values, env: NodeJS.ProcessEnv, behavior: Behavior) {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) throw new UsageError('comment github: set GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})');
  const repo = values.repo ?? env.GITHUB_REPOSITORY;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new UsageError('comment github: --repo <owner/name> (or GITHUB_REPOSITORY)');
  const pr = wholeNumber(values.pr ?? /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '')?.[1], '--pr <number> (or run on a pull_request event)');
  const apiUrl = httpUrl(env.GITHUB_API_URL || 'https://api.github.com', 'GITHUB_API_URL');
  return (body: string) => postGithubComment({ apiUrl, token, repo, pr }, body, behavior);
}

function gitlabPoster(values: Values, env: NodeJS.ProcessEnv, behavior: Behavior) {
  const token = env.GITLAB_TOKEN ? { kind: 'private' as const, value: env.GITLAB_TOKEN } : env.CI_JOB_TOKEN ? { kind: 'job' as const, value: env.CI_JOB_TOKEN } : null;
  if (!token) throw new UsageError('comment gitlab: set GITLAB_TOKEN (a project access token with api scope) or run in GitLab CI (CI_JOB_TOKEN)');
  const project = values.project ?? env.CI_PROJECT_ID;
  if (!project) throw new UsageError('comment gitlab: --project <id or group/name> (or CI_PROJECT_ID)');
  const mr = wholeNumber(values.mr ?? env.CI_MERGE_REQUEST_IID, '--mr <iid> (or run in a merge request pipeline)');
  const apiUrl = httpUrl(env.CI_API_V4_URL || 'https://gitlab.com/api/v4', 'CI_API_V4_URL');
  return (body: string) => postGitlabNote({ apiUrl, token, project, mr }, body, behavior);
}

/** The markdown report of the working tree (against `--base` when given), as `check --format markdown` prints it. */
async function reportBody(cli: Cli, positionals: string[], values: { base?: string; config?: string; offline?: boolean; 'allow-origin'?: string[] }): Promise<string> {
  const config = runConfig(cli, values.config);
  const budgets = await fetchBudgets(cli, config, budgetTeams(config), values);
  const paths = positionals.length ? positionals : ['.'];
  const result = await lintPaths({ cwd: cli.cwd, paths, configFile: values.config, budgets, workerScript: cli.workerScript });
  const base = values.base ? await baseAnalysis(() => analyseBase({ cwd: cli.cwd, paths, baseRef: values.base as string, configFile: values.config, head: result })) : undefined;
  return markdown({ reports: result.reports, skipped: result.skipped, cwd: cli.cwd, color: false, root: base?.root ?? repoRoot(cli.cwd) ?? cli.cwd, diff: base?.diff, budgets });
}

function readBody(cli: Cli, file: string): string {
  try {
    return fs.readFileSync(path.resolve(cli.cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`--body-file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function wholeNumber(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n <= 0) throw new UsageError(`comment: ${what}`);
  return n;
}

function httpUrl(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${name} is not an http(s) URL`);
}
