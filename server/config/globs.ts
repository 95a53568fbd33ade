import picomatch from 'picomatch';

const compiled = new Map<string, (path: string) => boolean>();

/** Whether a `/`-separated relative path matches config globs; each glob list is compiled once per process. */
export function matchesGlobs(globs: string | readonly string[], relativePath: string): boolean {
  const key = typeof globs === 'string' ? globs : globs.join('\0');
  let matcher = compiled.get(key);
  if (!matcher) compiled.set(key, (matcher = picomatch(typeof globs === 'string' ? globs : [...globs], { dot: true })));
  return matcher(relativePath);
}
