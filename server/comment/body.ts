import { COMMENT_MARKER, truncateMarkdown } from '../formats/markdown';
import { ApiError } from './http';

/** GitHub rejects issue comments over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** GitLab notes are limited to 1,000,000 characters. */
export const GITLAB_NOTE_LIMIT = 1_000_000;

const FOOTER = 'the comment was cut to fit; the job summary and `costlint check` have every finding.';

/** The body to post: the marker first (how the comment is found again), cut to `limit` characters. */
export function commentBody(text: string, limit: number): string {
  const marked = text.includes(COMMENT_MARKER) ? text : `${COMMENT_MARKER}\n${text}`;
  return truncateMarkdown(marked, limit, FOOTER, 'chars');
}

/** A shorter body after the host still said it is too long (422): half the size, at a line. */
function shorterBody(body: string): string {
  return truncateMarkdown(body, Math.floor(body.length / 2), FOOTER, 'chars');
}

export type Behavior = 'update' | 'new' | 'delete-and-new';

export interface CommentOutcome {
  action: 'created' | 'updated' | 'skipped';
  /** The comment's web URL, when the host gave one. */
  url?: string;
  reason?: string;
  /** Earlier comments removed (`delete-and-new`). */
  deleted: number;
}

/** A host that still finds the body too long (422) gets a shorter one, a few times. */
export async function withShorterOn422<T>(send: (body: string) => Promise<T>, body: string): Promise<T> {
  let current = body;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(current);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 422 || attempt >= 4 || current.length < 2_000) throw error;
      current = shorterBody(current);
    }
  }
}
