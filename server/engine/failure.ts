/**
 * One line saying why a file could not be analysed, for a message the user reads. A stack
 * overflow (10,000 nested brackets) is named as what it is rather than as an engine error.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the file nests too deeply to analyse';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 200);
}
