import type { CollectionTag, ScalarTag, Tags } from 'yaml';

/**
 * Application tags (`!Ref Name`, `!GetAtt [A, B]`, `!If {…}`) accepted in every form a
 * template may use them — scalar, sequence or mapping — and kept as plain nodes with their
 * `tag` set, so a reader sees `node.tag === '!Ref'` and the value as written.
 */
export function passthroughTags(names: readonly string[]): Tags {
  return names.flatMap((tag): (ScalarTag | CollectionTag)[] => [
    { tag, resolve: (value: string) => value },
    { tag, collection: 'seq', resolve: (seq) => seq },
    { tag, collection: 'map', resolve: (map) => map },
  ]);
}
