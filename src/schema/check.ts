import { distModule } from '../engine/package-info.js';
import type { Settings } from '../engine/rule.js';
import type { AnalyzerTask } from '../load/parallel.js';
import { isManifest, isObject, type LoadedFile } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import type { AnalyzeOptions, DocumentSchemaResult } from './analyze.js';
import { sharedStore, type SchemaStore } from './store.js';
import type { SchemaProblem } from './validator.js';

export type SchemaOutcome =
  | { status: 'validated'; problems: SchemaProblem[]; source: string }
  /** No location has it; `tried` lists what was looked at; `groupKinds` the embedded kinds of the object's group. */
  | { status: 'missing'; tried: string[]; groupKinds: { apiVersion: string; kind: string }[] }
  /** A location could not be read (network, HTTP error, not JSON, not compilable). */
  | { status: 'failed'; location: string; error: string };

/**
 * Schema validation as an engine service, one per run: the verdict on each object is computed once
 * (or handed over by the worker thread that parsed its file) and shared by the schema rules
 * (schema-invalid, schema-unknown-field, schema-missing), whichever of them are enabled.
 */
export class SchemaService {
  private readonly store: SchemaStore;
  private readonly outcomes = new WeakMap<object, SchemaOutcome>();
  private readonly groupKinds = new Map<string, { apiVersion: string; kind: string }[]>();

  constructor(settings: Settings) {
    this.store = sharedStore(settings);
  }

  /** The work the loader's worker threads do on each parsed file: validation against the embedded schemas. */
  static analyzerTask(settings: Settings): AnalyzerTask {
    const options: AnalyzeOptions = { kubernetesVersion: settings.kubernetesVersion };
    // The compiled module of dist/src, wherever this code runs from (dist/src or the CLI bundle).
    return { module: (distModule('src/schema/analyze.js') ?? new URL('./analyze.js', import.meta.url)).href, options };
  }

  outcome(resource: Resource): SchemaOutcome {
    let out = this.outcomes.get(resource.value);
    if (!out) {
      const found = this.store.lookup(resource.apiVersion, resource.kind);
      if (found.status === 'found') out = { status: 'validated', problems: found.validate(resource.value), source: found.source };
      else if (found.status === 'missing') out = { ...found, groupKinds: this.kindsOfGroup(resource.group) };
      else out = found;
      this.outcomes.set(resource.value, out);
    }
    return out;
  }

  /** The embedded kinds of an API group (for schema-missing's hints), once per group and run. */
  private kindsOfGroup(group: string): { apiVersion: string; kind: string }[] {
    let kinds = this.groupKinds.get(group);
    if (!kinds) this.groupKinds.set(group, (kinds = this.store.embedded?.kindsOfGroup(group) ?? []));
    return kinds;
  }

  /** Takes the verdicts a worker thread computed for a file's documents (see analyzerTask). */
  accept(file: LoadedFile, analysis: unknown): void {
    if (!Array.isArray(analysis) || !this.store.embedded) return;
    const source = `Kubernetes ${this.store.embeddedVersion}`;
    const set = (value: unknown, problems: SchemaProblem[] | null | undefined) => {
      if (problems && isObject(value)) this.outcomes.set(value, { status: 'validated', problems, source });
    };
    (analysis as DocumentSchemaResult[]).forEach((result, i) => {
      const value = file.documents[i]?.value;
      if (result && !Array.isArray(result)) {
        const items = isObject(value) && Array.isArray(value.items) ? value.items : [];
        result.items.forEach((r, j) => set(items[j], r));
      } else set(value, result);
    });
  }

  /** Downloads (or reads from the disk cache) the remote schemas the input needs, before any rule runs. */
  prepare(files: readonly LoadedFile[]): Promise<void> {
    return this.store.prepare(objectTypes(files));
  }
}

/** The objects of the input by apiVersion/kind (List items included), for fetching their schemas before the rules run. */
function objectTypes(files: readonly LoadedFile[]): { apiVersion: string; kind: string }[] {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  const add = (v: unknown) => {
    if (isManifest(v)) seen.set(`${v.apiVersion} ${v.kind}`, { apiVersion: v.apiVersion, kind: v.kind });
  };
  for (const file of files) {
    for (const doc of file.documents) {
      const v = doc.value;
      if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) v.items.forEach(add);
      else add(v);
    }
  }
  return [...seen.values()];
}
