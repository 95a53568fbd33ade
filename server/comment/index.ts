/** The only module that talks to code hosts: sticky pull request comments and merge request notes. */
export { postGithubComment, type GithubTarget } from './github';
export { postGitlabNote, type GitlabTarget } from './gitlab';
export { ApiError } from './http';
export { commentBody, GITHUB_COMMENT_LIMIT, GITLAB_NOTE_LIMIT, type Behavior, type CommentOutcome } from './body';
