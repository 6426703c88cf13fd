import { distModule } from '../engine/package-info.js';
import type { Settings } from '../engine/rule.js';
import type { AnalyzerTask } from '../load/parallel.js';
import { holdsObjects, isManifest, isObject, type LoadedFile } from '../model/resources.js';
import type { Resource } from '../model/types.js';
import type { AnalyzeOptions, DocumentSchemaResult } from './analyze.js';
import { loadCel } from './cel-rules.js';
import { crdVersions } from './crd.js';
import { embeddedCrdGroup } from './embedded.js';
import { sharedStore, type SchemaStore } from './store.js';
import type { ObjectValidator, SchemaProblem } from './validator.js';

export type SchemaOutcome =
  | { status: 'validated'; problems: SchemaProblem[]; source: string }
  /**
   * No location has it; `tried` lists what was looked at; `groupKinds` the embedded kinds of the
   * object's group; `inExperimentalChannel`: the standard channel is in use and the Gateway API
   * experimental channel has the kind.
   */
  | { status: 'missing'; tried: string[]; groupKinds: { apiVersion: string; kind: string }[]; inExperimentalChannel?: true }
  /** A location could not be read (network, HTTP error, not JSON, not compilable). */
  | { status: 'failed'; location: string; error: string };

/** A custom resource kind defined by a CustomResourceDefinition of the input or of `crds:`. */
interface CrdKind {
  schema: Record<string, unknown>;
  source: string;
  validate?: ObjectValidator | { error: string };
}

const NO_PROBLEMS: SchemaProblem[] = Object.freeze([]) as unknown as SchemaProblem[];

/**
 * Schema validation as an engine service, one per run: the verdict on each object is computed once
 * (or handed over by the worker thread that parsed its file) and shared by the schema rules
 * (schema-invalid, schema-unknown-field, schema-missing), whichever of them are enabled.
 *
 * Where a kind's schema comes from, first found: a CustomResourceDefinition of the input, one of the
 * config's `crds:` (the cluster gets what the repository applies), the embedded schemas (Kubernetes
 * release, Gateway API, Istio), the schema locations.
 */
export class SchemaService {
  private readonly store: SchemaStore;
  private readonly outcomes = new WeakMap<object, SchemaOutcome>();
  /** The verdict "valid" of each schema source (see validated). */
  private readonly valid = new Map<string, SchemaOutcome>();
  private readonly groupKinds = new Map<string, { apiVersion: string; kind: string }[]>();
  /** "apiVersion Kind" → the CRD that defines it in this run's input (or `crds:`). */
  private readonly crds = new Map<string, CrdKind>();
  private inputSeen: readonly LoadedFile[] | null = null;
  /** The CRDs of `crds:` / --crd, read by prepare. */
  private configCrds: { crd: Record<string, unknown>; source: string }[] = [];

  constructor(settings: Settings) {
    this.store = sharedStore(settings);
  }

  /** The work the loader's worker threads do on each parsed file: validation against the embedded schemas. */
  static analyzerTask(settings: Settings): AnalyzerTask {
    const options: AnalyzeOptions = { kubernetesVersion: settings.kubernetesVersion, gatewayApiChannel: settings.gatewayApiChannel };
    // The compiled module of dist/src, wherever this code runs from (dist/src or the CLI bundle), or the Action bundle's analyze.js.
    return { module: (distModule('src/schema/analyze.js') ?? new URL('./analyze.js', import.meta.url)).href, options };
  }

  outcome(resource: Resource): SchemaOutcome {
    let out = this.outcomes.get(resource.value);
    if (!out) {
      const crd = this.crds.get(`${resource.apiVersion} ${resource.kind}`);
      if (crd) {
        crd.validate ??= this.store.compileCrd(crd.schema);
        out =
          typeof crd.validate === 'function'
            ? this.validated(crd.validate(resource.value), crd.source)
            : { status: 'failed', location: crd.source, error: crd.validate.error };
      } else {
        const found = this.store.lookup(resource.apiVersion, resource.kind);
        if (found.status === 'found') out = this.validated(found.validate(resource.value), found.source);
        else if (found.status === 'missing') {
          out = { ...found, groupKinds: this.kindsOfGroup(resource.group) };
          if (this.store.inOtherChannel(resource.apiVersion, resource.kind)) out.inExperimentalChannel = true;
        }
        else out = found;
      }
      this.outcomes.set(resource.value, out);
    }
    return out;
  }

  /** A verdict of validation; the verdict without problems is one object per source (most objects of a run are valid). */
  private validated(problems: SchemaProblem[], source: string): SchemaOutcome {
    if (problems.length > 0) return { status: 'validated', problems, source };
    let out = this.valid.get(source);
    if (!out) this.valid.set(source, (out = Object.freeze({ status: 'validated', problems: NO_PROBLEMS, source }) as SchemaOutcome));
    return out;
  }

  /** The embedded kinds of an API group (for schema-missing's hints), once per group and run. */
  private kindsOfGroup(group: string): { apiVersion: string; kind: string }[] {
    let kinds = this.groupKinds.get(group);
    if (!kinds) this.groupKinds.set(group, (kinds = this.store.embedded.kindsOfGroup(group)));
    return kinds;
  }

  /** Takes the verdicts a worker thread computed for a file's documents (see analyzerTask). */
  accept(file: LoadedFile, analysis: unknown): void {
    if (!Array.isArray(analysis)) return;
    const set = (value: unknown, problems: SchemaProblem[] | null | undefined) => {
      if (!problems || !isManifest(value)) return;
      const source = this.store.embedded.sourceOf(value.apiVersion, value.kind);
      if (source) this.outcomes.set(value, this.validated(problems, source));
    };
    (analysis as DocumentSchemaResult[]).forEach((result, i) => {
      const value = file.documents[i]?.value;
      if (result && !Array.isArray(result)) {
        const items = isObject(value) && Array.isArray(value.items) ? value.items : [];
        result.items.forEach((r, j) => set(items[j], r));
      } else set(value, result);
    });
  }

  /**
   * Registers the CustomResourceDefinitions of the input (every served version with a schema), then
   * those of `crds:` read by prepare, once per input; a kind they define is validated against them,
   * also where the embedded schemas have it (the first definition of a kind wins).
   */
  useInput(files: readonly LoadedFile[]): void {
    if (this.inputSeen === files) return;
    this.inputSeen = files;
    for (const file of files) {
      // Patches, Helm values and other tool files are not objects: a CRD patch is no CRD.
      if (!holdsObjects(file)) continue;
      for (const doc of file.documents) {
        const v = doc.value;
        if (!isObject(v)) continue;
        if (v.kind === 'CustomResourceDefinition') this.addCrd(v, `CustomResourceDefinition in ${file.path}`);
        else if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) {
          for (const item of v.items) if (isObject(item) && item.kind === 'CustomResourceDefinition') this.addCrd(item, `CustomResourceDefinition in ${file.path}`);
        }
      }
    }
    for (const { crd, source } of this.configCrds) this.addCrd(crd, source);
    // Verdicts a worker computed against an embedded CRD that the input redefines are recomputed.
    const overridden = [...this.crds.keys()].filter((k) => {
      const [apiVersion, kind] = k.split(' ') as [string, string];
      return this.store.embedded.has(apiVersion, kind);
    });
    if (overridden.length === 0) return;
    const keys = new Set(overridden);
    const drop = (v: unknown) => {
      if (isManifest(v) && keys.has(`${v.apiVersion} ${v.kind}`)) this.outcomes.delete(v);
    };
    for (const file of files) {
      for (const doc of file.documents) {
        const v = doc.value;
        if (isManifest(v) && v.kind.endsWith('List') && Array.isArray(v.items)) v.items.forEach(drop);
        else drop(v);
      }
    }
  }

  private addCrd(crd: Record<string, unknown>, source: string): void {
    const name = isObject(crd.metadata) && typeof crd.metadata.name === 'string' ? ` ${crd.metadata.name}` : '';
    for (const v of crdVersions(crd)) {
      const key = `${v.apiVersion} ${v.kind}`;
      if (!this.crds.has(key)) this.crds.set(key, { schema: v.schema, source: source.replace('CustomResourceDefinition', `CustomResourceDefinition${name}`) });
    }
  }

  /**
   * Before any rule runs: registers the input's CRDs, then those of `crds:` (files or URLs, read or
   * downloaded once), and downloads (or reads from the disk cache) the remote schemas the input needs.
   */
  async prepare(files: readonly LoadedFile[]): Promise<void> {
    this.configCrds = await this.store.configCrds();
    this.useInput(files);
    const types = objectTypes(files);
    // The CEL module, when an object's kind may carry validation rules (a CRD's: of the input, `crds:`, embedded).
    if (types.some((o) => this.crds.has(`${o.apiVersion} ${o.kind}`) || embeddedCrdGroup(groupOf(o.apiVersion)))) await loadCel();
    const wanted = types.filter((o) => !this.crds.has(`${o.apiVersion} ${o.kind}`));
    return this.store.prepare(wanted);
  }
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
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
