import { COMMENT_MARKER } from '../formats/markdown';
import { ApiClient, ApiError } from './http';
import { commentBody, GITLAB_NOTE_LIMIT, withShorterOn422, type Behavior, type CommentOutcome } from './body';

export interface GitlabTarget {
  /** `CI_API_V4_URL` (`https://gitlab.example.com/api/v4`). */
  apiUrl: string;
  /** `GITLAB_TOKEN` (sent as PRIVATE-TOKEN) or `CI_JOB_TOKEN` (sent as JOB-TOKEN). */
  token: { kind: 'private' | 'job'; value: string };
  /** Project id or `group/name` path (`CI_PROJECT_ID`). */
  project: string;
  /** Merge request iid (`CI_MERGE_REQUEST_IID`). */
  mr: number;
}

interface Note {
  id: number;
  body?: string;
  system?: boolean;
}

/** Posts or updates the one costlint note on a merge request, found by its hidden marker. */
export async function postGitlabNote(target: GitlabTarget, text: string, behavior: Behavior): Promise<CommentOutcome> {
  const header = target.token.kind === 'private' ? 'private-token' : 'job-token';
  const api = new ApiClient(target.apiUrl, { [header]: target.token.value }, [target.token.value]);
  const base = `/projects/${encodeURIComponent(target.project)}/merge_requests/${target.mr}/notes`;
  try {
    const existing = (await listNotes(api, base)).filter((n) => !n.system && n.body?.includes(COMMENT_MARKER));
    let deleted = 0;
    if (behavior === 'delete-and-new') {
      for (const note of existing) {
        await api.call('DELETE', `${base}/${note.id}`);
        deleted++;
      }
    }
    const target_ = behavior === 'update' ? existing[0] : undefined;
    await withShorterOn422((body) => (target_ ? api.call('PUT', `${base}/${target_.id}`, { body }) : api.call('POST', base, { body })), commentBody(text, GITLAB_NOTE_LIMIT));
    return { action: target_ ? 'updated' : 'created', deleted };
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      return { action: 'skipped', deleted: 0, reason: `the token cannot write notes on ${target.project}!${target.mr}: ${error.message}` };
    }
    throw error;
  }
}

/** Every note, following GitLab's `X-Next-Page` header. */
async function listNotes(api: ApiClient, base: string): Promise<Note[]> {
  const all: Note[] = [];
  let page: string | null = '1';
  for (let i = 0; page && i < 100; i++) {
    const response = await api.call('GET', `${base}?per_page=100&sort=asc&page=${page}`);
    if (Array.isArray(response.body)) all.push(...(response.body as Note[]));
    page = response.headers.get('x-next-page') || null;
  }
  return all;
}
