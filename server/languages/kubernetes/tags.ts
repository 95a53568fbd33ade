import type { Anchor } from '../../engine/facts';
import type { TextEdit } from '../../engine/edits';
import type { YamlEditor } from '../yaml/edits';
import type { YAMLMap, YamlReader } from '../yaml/reader';

/**
 * Labels of a workload and of its pods (the pod template's labels reach the pods, which is
 * what cost tools such as Kubecost and OpenCost attribute by). Missing tags are written to
 * both; the anchor is the template's place when there is one, so each pod group of one
 * object (a RayCluster's head and workers) has its own.
 */
export function readLabels(
  reader: YamlReader,
  editor: YamlEditor,
  object: { root: YAMLMap; metadata?: YAMLMap },
  template?: YAMLMap,
): { own: Record<string, string>; anchor?: Anchor; places?: { where: string; tags: Record<string, string> }[] } {
  const templateMeta = reader.mapAt(template, 'metadata');
  const objectLabels = reader.stringMap(reader.get(object.metadata, 'labels'));
  const podLabels = reader.stringMap(reader.get(templateMeta, 'labels'));
  const own = { ...podLabels, ...objectLabels };
  const places = template ? [{ where: 'the workload', tags: objectLabels }, { where: 'its pod template', tags: podLabels }] : undefined;

  const spots: { holder: YAMLMap; path: string[] }[] = [];
  const objectSpot = spotFor(reader, object.metadata, object.root);
  if (objectSpot) spots.push(objectSpot);
  const templateSpot = template ? spotFor(reader, templateMeta, template) : undefined;
  if (templateSpot) spots.push(templateSpot);

  const anchorNode = template
    ? (reader.map(reader.get(templateMeta, 'labels')) ?? templateMeta ?? template)
    : (reader.map(reader.get(object.metadata, 'labels')) ?? object.metadata ?? object.root);
  const anchor = reader.anchor(anchorNode, 'map');
  if (!anchor || !spots.length) return { own, places };
  editor.tagWriter(anchor, (tags) => spots.flatMap((spot): TextEdit[] => write(reader, editor, spot, tags)));
  return { own, anchor, places };
}

/** Where labels go under a metadata map (or, with no metadata, under the map that should hold one). */
function spotFor(reader: YamlReader, metadata: YAMLMap | undefined, parent: YAMLMap): { holder: YAMLMap; path: string[] } | undefined {
  if (metadata) return reader.isShared(metadata) ? undefined : { holder: metadata, path: ['labels'] };
  return reader.isShared(parent) ? undefined : { holder: parent, path: ['metadata', 'labels'] };
}

function write(reader: YamlReader, editor: YamlEditor, spot: { holder: YAMLMap; path: string[] }, tags: Record<string, string>): TextEdit[] {
  const [head] = spot.path;
  const existing = reader.get(spot.holder, head);
  if (spot.path.length === 1 && existing) {
    const labels = reader.map(existing);
    if (labels) return reader.isShared(labels) ? [] : editor.addEntries(labels, tags);
    return editor.setIn(spot.holder, spot.path, tags, true);
  }
  return editor.setIn(spot.holder, spot.path, tags, false);
}
