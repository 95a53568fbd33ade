import { COMMENT_MARKER } from '../formats/markdown';
import { ApiClient, ApiError } from './http';
import { commentBody, GITHUB_COMMENT_LIMIT, withShorterOn422, type Behavior, type CommentOutcome } from './body';

export interface GithubTarget {
  /** `GITHUB_API_URL` (GitHub Enterprise: `https://ghe.example.com/api/v3`). */
  apiUrl: string;
  token: string;
  /** `owner/name`. */
  repo: string;
  pr: number;
}

interface IssueComment {
  id: number;
  body?: string;
  html_url?: string;
}

/**
 * Posts or updates the one costlint comment on a pull request, found by its hidden marker.
 * A read-only token (pull requests from forks) is skipped, not failed.
 */
export async function postGithubComment(target: GithubTarget, text: string, behavior: Behavior): Promise<CommentOutcome> {
  const api = new ApiClient(target.apiUrl, { authorization: `Bearer ${target.token}`, 'x-github-api-version': '2022-11-28', accept: 'application/vnd.github+json' }, [target.token]);
  const repo = target.repo.split('/').map(encodeURIComponent).join('/');
  try {
    const existing = (await listComments(api, `/repos/${repo}/issues/${target.pr}/comments?per_page=100`)).filter((c) => c.body?.includes(COMMENT_MARKER));
    let deleted = 0;
    if (behavior === 'delete-and-new') {
      for (const comment of existing) {
        await api.call('DELETE', `/repos/${repo}/issues/comments/${comment.id}`);
        deleted++;
      }
    }
    const target_ = behavior === 'update' ? existing[0] : undefined;
    const send = (body: string) =>
      target_ ? api.call('PATCH', `/repos/${repo}/issues/comments/${target_.id}`, { body }) : api.call('POST', `/repos/${repo}/issues/${target.pr}/comments`, { body });
    const response = await withShorterOn422(send, commentBody(text, GITHUB_COMMENT_LIMIT));
    return { action: target_ ? 'updated' : 'created', url: (response.body as IssueComment | null)?.html_url, deleted };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      return { action: 'skipped', deleted: 0, reason: `the token cannot write to ${target.repo} (a pull request from a fork gets a read-only GITHUB_TOKEN): ${error.message}` };
    }
    throw error;
  }
}

/** Every comment, following `Link: <…>; rel="next"` pages. */
async function listComments(api: ApiClient, first: string): Promise<IssueComment[]> {
  const all: IssueComment[] = [];
  let next: string | null = first;
  for (let page = 0; next && page < 100; page++) {
    const response = await api.call('GET', next);
    if (Array.isArray(response.body)) all.push(...(response.body as IssueComment[]));
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
  }
  return all;
}
