import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliAsync, tempProject } from '../support/cli';
import { fakeCodeHost } from '../support/code-host';
import { tempRepo } from '../support/git';

const MARKER = '<!-- costlint-comment -->';
const TOKEN = 'ghs_secretToken1234567890';

describe('costlint comment (a real HTTP server playing GitHub and GitLab)', function () {
  this.timeout(120_000);
  let host: Awaited<ReturnType<typeof fakeCodeHost>>;
  afterEach(() => host?.close());

  const githubEnv = (extra: NodeJS.ProcessEnv = {}) => ({ GITHUB_API_URL: `${host.origin}/api/v3`, GITHUB_TOKEN: TOKEN, ...extra });
  const bodyDir = (body: string) => tempProject({ 'body.md': body });

  it('finds its earlier comment on page 2 by the marker and updates it, with the token as Bearer', async () => {
    host = await fakeCodeHost({ pageSize: 2 });
    host.seed('LGTM', 'nit: rename', `${MARKER}\nold report`, 'thanks');
    const run = await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--body-file', 'body.md'], bodyDir('### costlint: +$5/mo\n'), githubEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(host.requests.map((r) => `${r.method} ${r.path}`), [
      'GET /api/v3/repos/acme/shop/issues/7/comments?per_page=100',
      'GET /api/v3/repos/acme/shop/issues/7/comments?per_page=100&page=2',
      'PATCH /api/v3/repos/acme/shop/issues/comments/1002',
    ]);
    assert.equal(host.requests[2].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(host.requests[2].body?.body, `${MARKER}\n### costlint: +$5/mo\n`);
    assert.equal(host.comments.length, 4);
    assert.match(run.stdout, /updated the pull request comment: https:\/\/github\.example\/pr#issuecomment-1002/);
    assert.ok(!run.stdout.includes(TOKEN) && !run.stderr.includes(TOKEN));
  });

  it('creates a comment when there is none; "new" always creates; "delete-and-new" replaces', async () => {
    host = await fakeCodeHost();
    const dir = bodyDir('report\n');
    const args = ['comment', 'github', '--body-file', 'body.md'];
    // --repo and --pr from the workflow's environment.
    const env = githubEnv({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_REF: 'refs/pull/9/merge' });
    assert.equal((await runCliAsync(args, dir, env)).code, 0);
    assert.deepEqual(host.requests.map((r) => `${r.method} ${r.path}`), ['GET /api/v3/repos/acme/shop/issues/9/comments?per_page=100', 'POST /api/v3/repos/acme/shop/issues/9/comments']);
    assert.equal((await runCliAsync([...args, '--behavior', 'new'], dir, env)).code, 0);
    assert.equal(host.comments.length, 2);
    host.requests.length = 0;
    const replaced = await runCliAsync([...args, '--behavior', 'delete-and-new'], dir, env);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.deepEqual(host.requests.map((r) => r.method), ['GET', 'DELETE', 'DELETE', 'POST']);
    assert.equal(host.comments.length, 1);
    assert.match(replaced.stdout, /created the pull request comment \(removed 2 earlier\)/);
  });

  it('skips gracefully on a read-only token (fork pull requests): exit 0, no token printed', async () => {
    host = await fakeCodeHost({ readOnlyToken: TOKEN });
    const run = await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--body-file', 'body.md'], bodyDir('x\n'), githubEnv());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /comment skipped: the token cannot write to acme\/shop \(a pull request from a fork gets a read-only GITHUB_TOKEN\)/);
    assert.ok(run.stderr.includes('[redacted]'), 'the server echoed the token; it is redacted');
    assert.ok(!run.stderr.includes(TOKEN) && !run.stdout.includes(TOKEN));
    assert.equal(host.comments.length, 0);
  });

  it('caps the body at 65,536 characters with a footer, and shortens again on 422', async () => {
    host = await fakeCodeHost({ maxBody: 20_000 });
    const huge = Array.from({ length: 5000 }, (_, i) => `- finding ${i} ${'x'.repeat(20)}`).join('\n');
    const run = await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--body-file', 'body.md'], bodyDir(huge), githubEnv());
    assert.equal(run.code, 0, run.stderr);
    const posts = host.requests.filter((r) => r.method === 'POST').map((r) => r.body?.body ?? '');
    assert.ok(posts.length >= 3, `${posts.length} attempts`);
    assert.ok(posts[0].length <= 65_536 && posts[0].length > 60_000, String(posts[0].length));
    for (let i = 1; i < posts.length; i++) assert.ok(posts[i].length < posts[i - 1].length);
    assert.ok(posts.at(-1)!.length <= 20_000);
    for (const body of posts) {
      assert.ok(body.startsWith(MARKER));
      assert.match(body, /⚠️ Truncated: the comment was cut to fit; the job summary and `costlint check` have every finding\.\n$/);
    }
    assert.equal(host.comments.length, 1);
  });

  it('exits 2 with a clear reason when the token is missing or the API fails, never printing the token', async () => {
    host = await fakeCodeHost();
    const noToken = await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--body-file', 'body.md'], bodyDir('x'), { GITHUB_API_URL: `${host.origin}/api/v3` });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /set GITHUB_TOKEN/);
    const notFound = await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--body-file', 'body.md'], bodyDir('x'), githubEnv({ GITHUB_API_URL: `${host.origin}/wrong` }));
    assert.equal(notFound.code, 2);
    assert.match(notFound.stderr, /cannot post the comment: GET \/wrong\/repos\/acme\/shop\/issues\/7\/comments: HTTP 404 Not Found/);
    assert.equal((await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--body-file', 'body.md'], bodyDir('x'), githubEnv())).code, 2);
    assert.equal((await runCliAsync(['comment', 'github', '--repo', 'acme/shop', '--pr', '7', '--offline'], bodyDir('x'), githubEnv())).code, 2);
  });

  it('GitLab: pages notes with X-Next-Page, updates the marked note with PRIVATE-TOKEN; CI_JOB_TOKEN as JOB-TOKEN', async () => {
    host = await fakeCodeHost({ pageSize: 1 });
    host.seed({ id: 1, body: 'assigned to @me', system: true }, 'looks good', `${MARKER}\nold`);
    const env = { CI_API_V4_URL: `${host.origin}/api/v4`, CI_PROJECT_ID: 'group/shop', CI_MERGE_REQUEST_IID: '12', GITLAB_TOKEN: 'glpat-abcdefgh12345' };
    const run = await runCliAsync(['comment', 'gitlab', '--body-file', 'body.md'], bodyDir('new report\n'), env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(host.requests.map((r) => `${r.method} ${r.path}`), [
      'GET /api/v4/projects/group%2Fshop/merge_requests/12/notes?per_page=100&sort=asc&page=1',
      'GET /api/v4/projects/group%2Fshop/merge_requests/12/notes?per_page=100&sort=asc&page=2',
      'GET /api/v4/projects/group%2Fshop/merge_requests/12/notes?per_page=100&sort=asc&page=3',
      'PUT /api/v4/projects/group%2Fshop/merge_requests/12/notes/1001',
    ]);
    assert.equal(host.requests[0].headers['private-token'], 'glpat-abcdefgh12345');
    assert.equal(host.comments.find((c) => c.id === 1001)?.body, `${MARKER}\nnew report\n`);
    host.requests.length = 0;
    const job = await runCliAsync(['comment', 'gitlab', '--body-file', 'body.md', '--behavior', 'new'], bodyDir('again\n'), { ...env, GITLAB_TOKEN: '', CI_JOB_TOKEN: 'job-token-987654' });
    assert.equal(job.code, 0, job.stderr);
    assert.equal(host.requests.at(-1)?.method, 'POST');
    assert.equal(host.requests.at(-1)?.headers['job-token'], 'job-token-987654');
    assert.equal(host.requests.at(-1)?.headers['private-token'], undefined);
  });

  it('end to end: a PR adding a frontier-model call and an on-demand H100 node group gets one comment with the delta; the next push updates it', async () => {
    host = await fakeCodeHost();
    const { dir: repo, git } = tempRepo({ 'src/app.ts': 'export const x = 1;\n' });
    git('checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(repo, 'src/ask.ts'), `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = (q: string) => client.chat.completions.create({ model: 'gpt-5', messages: [{ role: 'user', content: q }] });\n`);
    fs.writeFileSync(path.join(repo, 'gpu.tf'), `resource "aws_eks_node_group" "gpu" {\n  cluster_name = "main"\n  node_group_name = "gpu"\n  node_role_arn = "arn:aws:iam::1:role/n"\n  subnet_ids = ["s"]\n  instance_types = ["p5.48xlarge"]\n  scaling_config {\n    desired_size = 1\n    min_size = 1\n    max_size = 1\n  }\n}\n`);
    git('add', '-A');
    git('commit', '-qm', 'feature');
    const args = ['comment', 'github', '--repo', 'acme/shop', '--pr', '3', '--base', 'main'];
    const first = await runCliAsync(args, repo, githubEnv());
    assert.equal(first.code, 0, first.stderr);
    assert.equal(host.comments.length, 1);
    const body = host.comments[0].body;
    assert.ok(body.startsWith(MARKER));
    assert.match(body, /^### costlint: \+\$[\d,]+\/mo 📈 · \d+ new findings$/m);
    assert.match(body, /^\| ➕ \| `gpu\.tf:1` \| aws_eks_node_group\.gpu 8× H100 on-demand \| \$0\/mo \| \$[\d,]+\/mo \|/m);
    assert.match(body, /^\| ➕ \| `src\/ask\.ts:3` \| `client\.chat\.completions\.create` openai gpt-5 \|/m);
    assert.match(body, /\[`frontier-model-default`\]/);
    assert.match(body, /<summary>Fix: Add max_completion_tokens/);

    // The next push clears the findings: the same comment now says so.
    fs.writeFileSync(path.join(repo, 'src/ask.ts'), 'export const ask = () => null;\n');
    fs.rmSync(path.join(repo, 'gpu.tf'));
    git('commit', '-qam', 'drop it');
    const second = await runCliAsync(args, repo, githubEnv());
    assert.equal(second.code, 0, second.stderr);
    assert.equal(host.comments.length, 1);
    assert.equal(host.requests.at(-1)?.method, 'PATCH');
    assert.match(host.comments[0].body, /✅ no cost findings in this change\./);
    assert.match(host.comments[0].body, /^### costlint: no change in monthly cost$/m);
  });
});
