import type { Resource } from '../src/model/types.js';

/**
 * A synthetic object of group/kind (apiVersion `<group>/v1`), as resourcesOf would make it from a
 * document `{ apiVersion, kind, metadata: { name }, spec }`: for tests that build random indexes.
 */
export function testResource(o: { group: string; kind: string; name: string; namespace: string; spec: Record<string, unknown>; file?: string; docIndex?: number }): Resource {
  const apiVersion = `${o.group}/v1`;
  return {
    apiVersion,
    group: o.group,
    version: 'v1',
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
    source: { file: o.file ?? 'x.yaml', docIndex: o.docIndex ?? 0, basePointer: '' },
    value: { apiVersion, kind: o.kind, metadata: { name: o.name }, spec: o.spec } as Resource['value'],
    key: `${o.group}/${o.kind}/${o.namespace}/${o.name}`,
  };
}
