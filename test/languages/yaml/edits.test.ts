import * as assert from 'node:assert/strict';
import type { Anchor } from '../../../server/engine/facts';
import { TextEdit, Value, type Value as V } from '../../../server/engine/edits';
import { createYamlEditor, type YamlEditor } from '../../../server/languages/yaml/edits';
import { parseYamlStream } from '../../../server/languages/yaml/parse';
import { YamlReader, type Node } from '../../../server/languages/yaml/reader';
import { passthroughTags } from '../../../server/languages/yaml/tags';

const tags = passthroughTags(['!Ref']);

/** Parses, finds a node by path in document `doc`, runs one edit, applies it and checks the result re-parses. */
function edit(text: string, keys: string[], run: (editor: YamlEditor, anchor: Anchor) => TextEdit[], options: { json?: boolean; doc?: number; kind?: Anchor['kind'] } = {}): string {
  const stream = parseYamlStream(text, { customTags: tags });
  const editor = createYamlEditor(stream, { json: Boolean(options.json) });
  const document = stream.documents[options.doc ?? 0].doc;
  const reader = new YamlReader(document);
  const node = keys.length ? reader.at(document.contents, ...keys) : (document.contents as Node);
  const anchor = reader.anchor(node, options.kind ?? 'map');
  assert.ok(anchor, `no anchor at ${keys.join('.')}`);
  const edits = run(editor, anchor);
  assert.ok(edits.length, 'no edits');
  const output = TextEdit.apply(text, edits);
  const reparsed = parseYamlStream(output, { customTags: tags });
  assert.deepEqual(reparsed.documents.flatMap((d) => d.errors), [], `does not re-parse:\n${output}`);
  return output;
}

describe('yaml: edit primitives', () => {
  describe('setArgument and addKey on a block mapping', () => {
    const manifest = 'metadata:\n  name: vllm\n  labels:\n    app: vllm # the app\nspec:\n  replicas: 2\n';

    it('adds a key at the mapping’s indentation, after its last entry and its comment', () => {
      assert.equal(
        edit(manifest, ['metadata', 'labels'], (e, a) => e.setArgument(a, 'team', 'ml')),
        'metadata:\n  name: vllm\n  labels:\n    app: vllm # the app\n    team: ml\nspec:\n  replicas: 2\n',
      );
    });

    it('replaces an existing value, and addKey leaves it alone', () => {
      assert.equal(edit(manifest, ['spec'], (e, a) => e.setArgument(a, 'replicas', 0)), manifest.replace('replicas: 2', 'replicas: 0'));
      const stream = parseYamlStream(manifest);
      const reader = new YamlReader(stream.documents[0].doc);
      const anchor = reader.anchor(reader.at(stream.documents[0].doc.contents, 'spec'), 'map')!;
      assert.deepEqual(createYamlEditor(stream, { json: false }).addKey(anchor, 'replicas', 5), []);
    });

    it('creates nested mappings for a dotted path', () => {
      assert.equal(
        edit(manifest, ['spec'], (e, a) => e.setArgument(a, 'template.metadata.labels', { team: 'ml' })),
        'metadata:\n  name: vllm\n  labels:\n    app: vllm # the app\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels:\n        team: ml\n',
      );
    });

    it('follows the file’s indent unit (4 spaces) and line breaks (CRLF)', () => {
      const text = 'spec:\r\n    template:\r\n        spec:\r\n            restartPolicy: Never\r\n';
      assert.equal(
        edit(text, ['spec', 'template', 'spec'], (e, a) => e.setArgument(a, 'nodeSelector', { 'karpenter.sh/capacity-type': 'spot' })),
        'spec:\r\n    template:\r\n        spec:\r\n            restartPolicy: Never\r\n            nodeSelector:\r\n                karpenter.sh/capacity-type: spot\r\n',
      );
    });

    it('adds a line break first when the file does not end with one', () => {
      assert.equal(edit('a:\n  b: 1', ['a'], (e, an) => e.addKey(an, 'c', 2)), 'a:\n  b: 1\n  c: 2');
    });

    it('fills a key that has no value yet', () => {
      assert.equal(edit('metadata:\n  labels:\nspec: {}\n', [], (e, a) => e.setArgument(a, 'metadata.labels', { team: 'ml' })), 'metadata:\n  labels:\n    team: ml\nspec: {}\n');
    });
  });

  describe('flow mappings and sequences', () => {
    it('adds to `{a: 1}` and to an empty `{}`', () => {
      assert.equal(edit('sel: {a: b}\n', ['sel'], (e, an) => e.setArgument(an, 'c', 'd')), 'sel: {a: b, c: d}\n');
      assert.equal(edit('sel: {}\n', ['sel'], (e, an) => e.setArgument(an, 'c', 'd')), 'sel: {c: d}\n');
    });

    it('quotes what would not read back as the same string in flow context', () => {
      assert.equal(edit('sel: {}\n', ['sel'], (e, an) => e.setArgument(an, 'list', 'a,b')), 'sel: {list: "a,b"}\n');
    });

    it('replaces a flow sequence with a flow sequence, keeping its quotes', () => {
      assert.equal(edit('values: ["on-demand"]\n', [], (e, a) => e.setArgument(a, 'values', ['spot', 'on-demand'])), 'values: ["spot", "on-demand"]\n');
      assert.equal(edit('values: [on-demand]\n', [], (e, a) => e.setArgument(a, 'values', ['spot'])), 'values: [spot]\n');
    });
  });

  describe('replaceLiteral', () => {
    it('quotes strings YAML would read as something else (booleans, numbers, YAML 1.1 yes/on)', () => {
      const text = 'labels:\n  a: x\n  b: x\n  c: x\n  d: x\n  e: x\n';
      const stream = parseYamlStream(text);
      const reader = new YamlReader(stream.documents[0].doc);
      const editor = createYamlEditor(stream, { json: false });
      const at = (key: string) => reader.anchor(reader.at(stream.documents[0].doc.contents, 'labels', key), 'value')!;
      const edits = [
        ...editor.replaceLiteral(at('a'), 'true'),
        ...editor.replaceLiteral(at('b'), '1.5'),
        ...editor.replaceLiteral(at('c'), 'yes'),
        ...editor.replaceLiteral(at('d'), 'nvidia-l4'),
        ...editor.replaceLiteral(at('e'), 'a: b'),
      ];
      assert.equal(TextEdit.apply(text, edits), 'labels:\n  a: "true"\n  b: "1.5"\n  c: "yes"\n  d: nvidia-l4\n  e: "a: b"\n');
    });

    it('drops a tag when it replaces a tagged value with a literal', () => {
      assert.equal(edit('InstanceType: !Ref Size\n', ['InstanceType'], (e, a) => e.replaceLiteral(a, 'g6.xlarge'), { kind: 'value' }), 'InstanceType: g6.xlarge\n');
    });

    it('renders a block sequence as block lines in place of the old one', () => {
      assert.equal(
        edit('values:\n- on-demand\n- reserved\nnext: 1\n', ['values'], (e, a) => e.replaceLiteral(a, ['spot'])),
        'values:\n- spot\nnext: 1\n',
      );
    });

    it('reuses source text for Value.source', () => {
      const text = 'a: [1, 2]\nb: 0\n';
      assert.equal(edit(text, ['b'], (e, an) => e.replaceLiteral(an, Value.source({ start: 3, end: 9 })), { kind: 'value' }), 'a: [1, 2]\nb: [1, 2]\n');
    });
  });

  describe('addTags', () => {
    it('merges into a labels mapping, keeping labels already there', () => {
      assert.equal(
        edit('labels:\n  team: search\n  app: x\n', ['labels'], (e, a) => e.addTags(a, { team: 'ml', 'cost-center': '42' })),
        'labels:\n  team: search\n  app: x\n  cost-center: "42"\n',
      );
    });

    it('writes a keyed list of Key/Value items with the fields the list needs', () => {
      const text = 'Tags:\n  - Key: Name\n    Value: gpu\n    PropagateAtLaunch: true\n';
      const stream = parseYamlStream(text);
      const reader = new YamlReader(stream.documents[0].doc);
      const editor = createYamlEditor(stream, { json: false });
      const anchor = reader.anchor(reader.at(stream.documents[0].doc.contents, 'Tags'), 'map')!;
      editor.keyedList(anchor, { keyField: 'Key', valueField: 'Value', extra: { PropagateAtLaunch: true } });
      assert.deepEqual(editor.addTags(anchor, { Name: 'other' }), [], 'existing keys are kept');
      assert.equal(
        TextEdit.apply(text, editor.addTags(anchor, { team: 'ml' })),
        'Tags:\n  - Key: Name\n    Value: gpu\n    PropagateAtLaunch: true\n  - Key: team\n    Value: ml\n    PropagateAtLaunch: true\n',
      );
      assert.equal(TextEdit.apply(text, editor.setArgument(anchor, 'Name', 'cpu')), text.replace('Value: gpu', 'Value: cpu'));
    });
  });

  it('keeps the other documents of the stream byte-identical', () => {
    const first = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a # keep me\n';
    const second = '---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: {x: "1"}\n';
    const third = '---\n# trailing document\nkind: Service\n';
    const output = edit(first + second + third, ['metadata', 'labels'], (e, a) => e.addTags(a, { team: 'ml' }), { doc: 1 });
    assert.equal(output, first + second.replace('{x: "1"}', '{x: "1", team: ml}') + third);
  });

  it('does not edit a mapping reached through an alias', () => {
    const stream = parseYamlStream('base: &b {a: 1}\nuse: *b\n');
    const reader = new YamlReader(stream.documents[0].doc);
    assert.ok(reader.anchor(reader.at(stream.documents[0].doc.contents, 'base'), 'map'), 'the anchored original can be edited');
    assert.equal(reader.anchor(reader.at(stream.documents[0].doc.contents, 'use'), 'map'), undefined);
  });

  describe('JSON', () => {
    const template = '{\n  "Resources": {\n    "Gpu": {\n      "Type": "AWS::EC2::Instance",\n      "Properties": {\n        "InstanceType": "p4d.24xlarge"\n      }\n    }\n  }\n}\n';

    it('adds a nested key as JSON with the file’s indentation', () => {
      assert.equal(
        edit(template, ['Resources', 'Gpu', 'Properties'], (e, a) => e.setArgument(a, 'InstanceMarketOptions.MarketType', 'spot'), { json: true }),
        template.replace(
          '"InstanceType": "p4d.24xlarge"\n',
          '"InstanceType": "p4d.24xlarge",\n        "InstanceMarketOptions": {\n          "MarketType": "spot"\n        }\n',
        ),
      );
    });

    it('replaces a value with a JSON literal', () => {
      const output = edit(template, ['Resources', 'Gpu', 'Properties', 'InstanceType'], (e, a) => e.replaceLiteral(a, 'g6e.xlarge'), { json: true, kind: 'value' });
      assert.equal(output, template.replace('"p4d.24xlarge"', '"g6e.xlarge"'));
      assert.doesNotThrow(() => JSON.parse(output));
    });

    it('keeps a one-line object on one line', () => {
      const output = edit('{"A": {"B": 1}}', ['A'], (e, a) => e.setArgument(a, 'Tags', [{ Key: 'team', Value: 'ml' }] as V), { json: true });
      assert.equal(output, '{"A": {"B": 1, "Tags": [{"Key": "team", "Value": "ml"}]}}');
      assert.doesNotThrow(() => JSON.parse(output));
    });
  });
});
