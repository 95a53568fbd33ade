import * as assert from 'node:assert/strict';
import { isMap } from 'yaml';
import { parseYamlStream } from '../../../server/languages/yaml/parse';
import { YamlReader, rangeOf, type YAMLMap } from '../../../server/languages/yaml/reader';
import { passthroughTags } from '../../../server/languages/yaml/tags';
import { LineIndex, locationOf } from '../../../server/engine/source-file';

const rootOf = (text: string, index = 0) => {
  const stream = parseYamlStream(text);
  const doc = stream.documents[index].doc;
  return { stream, reader: new YamlReader(doc), root: doc.contents as YAMLMap };
};

describe('yaml: parsing with positions', () => {
  it('reads every document of a stream and keeps each one’s range', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const stream = parseYamlStream(text);
    assert.equal(stream.documents.length, 3);
    assert.deepEqual(
      stream.documents.map((d) => text.slice(d.range.start, d.range.end).replace(/\n$/, '')),
      ['a: 1', '---\nb: 2', '---\nc: 3'],
    );
  });

  it('gives a broken document its errors while the others stay readable', () => {
    const text = 'a: [1, 2\n---\nkind: Deployment\nspec:\n  replicas: 3\n';
    const stream = parseYamlStream(text);
    assert.ok(stream.documents[0].errors.length > 0, 'the first document has errors');
    assert.match(stream.documents[0].errors[0].message, /flow sequence|must be sufficiently indented|\]/i);
    assert.deepEqual(stream.documents[1].errors, []);
    const reader = new YamlReader(stream.documents[1].doc);
    assert.equal(reader.num(reader.at(stream.documents[1].doc.contents, 'spec', 'replicas')), 3);
  });

  it('rejects an alias bomb with a clear error, and reads the documents around it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `kind: Before\n---\n${levels.join('\n')}\n---\nkind: After\n`;
    const stream = parseYamlStream(text);
    assert.match(stream.documents[1].rejected ?? '', /alias expansions \(a YAML alias bomb\?\)/);
    assert.match(stream.documents[1].errors.at(-1)!.message, /^document 2: more than 100 alias expansions/);
    assert.equal(stream.documents[0].rejected, undefined);
    assert.equal(stream.documents[2].rejected, undefined);
  });

  it('accepts ordinary anchors, aliases and merge keys', () => {
    const { stream, reader, root } = rootOf('base: &base\n  cpu: 1\n  gpu: 2\nuse: *base\nmerged:\n  <<: *base\n  cpu: 4\n');
    assert.deepEqual(stream.documents[0].errors, []);
    assert.equal(reader.num(reader.at(root, 'use', 'gpu')), 2);
    assert.equal(reader.num(reader.at(root, 'merged', 'gpu')), 2, 'merged key');
    assert.equal(reader.num(reader.at(root, 'merged', 'cpu')), 4, 'own key wins over the merge');
    assert.equal(reader.isShared(reader.at(root, 'use')), true, 'reached through an alias');
    assert.equal(reader.isShared(reader.at(root, 'merged', 'cpu')), false);
    assert.equal(reader.anchor(reader.at(root, 'use'), 'map'), undefined, 'no edits through an alias');
  });

  it('reports ranges as UTF-16 offsets into the original text with non-ASCII, CRLF and a BOM', () => {
    const text = '\uFEFFmetadata:\r\n  name: "café-😀"\r\n  labels:\r\n    équipe: ml\r\n';
    const { reader, root } = rootOf(text);
    const name = reader.at(root, 'metadata', 'name');
    assert.equal(text.slice(rangeOf(name)!.start, rangeOf(name)!.end), '"café-😀"');
    const label = reader.pair(reader.mapAt(root, 'metadata', 'labels'), 'équipe')!;
    const valueRange = rangeOf(label.value)!;
    assert.equal(text.slice(valueRange.start, valueRange.end), 'ml');
    const lines = new LineIndex(text);
    assert.deepEqual(locationOf(lines, valueRange), { line: 4, column: 13, endLine: 4, endColumn: 15 });
  });

  it('collects comments with their ranges, but not `#` lines inside block scalars', () => {
    const text = '# top\nkind: Pod # trailing\nscript: |\n  # not a comment\n  echo hi\n# last\n';
    const stream = parseYamlStream(text);
    assert.deepEqual(
      stream.comments.map((c) => [c.text, text.slice(c.range.start, c.range.end)]),
      [
        [' top', '# top'],
        [' trailing', '# trailing'],
        [' last', '# last'],
      ],
    );
  });

  it('parses application tags in scalar, sequence and mapping form without warnings', () => {
    const text = 'a: !Ref Size\nb: !GetAtt [Role, Arn]\nc: !If\n  - Cond\n  - x\n  - y\nd: !Sub\n  - "${A}"\n  - A: 1\n';
    const stream = parseYamlStream(text, { customTags: passthroughTags(['!Ref', '!GetAtt', '!If', '!Sub']) });
    const doc = stream.documents[0].doc;
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.warnings, []);
    const reader = new YamlReader(doc);
    const a = reader.at(doc.contents, 'a') as { tag?: string };
    assert.equal(a.tag, '!Ref');
    assert.equal(reader.str(a), 'Size');
    assert.deepEqual(reader.items(reader.at(doc.contents, 'b')).map((n) => reader.str(n)), ['Role', 'Arn']);
    assert.ok(isMap(doc.contents));
  });

  it('warns, but does not fail, on tags it was not told about', () => {
    const stream = parseYamlStream('a: !Custom x\n');
    assert.deepEqual(stream.documents[0].errors, []);
  });
});
