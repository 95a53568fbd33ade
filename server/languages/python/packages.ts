/** Packages that are never the project's own modules: SDKs and the libraries around them. */
const EXTERNAL_ROOTS = new Set([
  'openai', 'anthropic', 'google', 'boto3', 'botocore', 'litellm', 'mistralai', 'cohere', 'tenacity', 'backoff',
  'os', 'sys', 'math', 'json', 'asyncio', 'typing', 'time', 're', 'pathlib', 'io', 'functools', 'itertools', 'collections',
  'logging', 'dataclasses', 'enum', 'abc', 'datetime', 'random', 'textwrap', 'inspect', 'concurrent', 'threading', 'subprocess',
  'pydantic', 'dotenv', 'requests', 'httpx', 'numpy', 'pandas', 'fastapi', 'flask', 'django', 'rich', 'trio', 'uuid',
]);

/** Whether an imported name may be one of the project's own modules rather than an installed package. */
export function isProjectModule(qualified: string): boolean {
  const root = /^\.*([^.]*)/.exec(qualified)![1];
  return qualified.startsWith('.') || (!EXTERNAL_ROOTS.has(root) && !root.startsWith('langchain'));
}
