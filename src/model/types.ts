/** Positions are 1-based; `endColumn` is exclusive; columns count UTF-16 code units. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** Where a document came from: the file (as given on the command line, relative to cwd) and its index in that file. */
export interface SourceRef {
  file: string;
  docIndex: number;
  /** For objects flattened out of a `List`: the pointer of the item inside the document. */
  basePointer: string;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/**
 * One Kubernetes object of the input. `value` is the plain parsed object (YAML 1.1 semantics, as
 * sigs.k8s.io/yaml reads it). `namespace` is the effective namespace: metadata.namespace, or the
 * run's default namespace, or null for cluster-scoped kinds.
 */
export interface Resource {
  apiVersion: string;
  /** API group: '' for the core group. */
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string | null;
  source: SourceRef;
  value: JsonObject;
  /** `group/kind/namespace/name`: the identity used to count the same object defined twice once. */
  key: string;
  /**
   * For an object an operator makes (a Service of a Prometheus or an Elasticsearch, src/index/producers.ts):
   * the custom resource that makes it. Such objects live only in the index: no rule checks them, and
   * related locations on them point at the producer.
   */
  producedBy?: Resource;
}
