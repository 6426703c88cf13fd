import path from 'node:path';
import type { ResourceIndex } from '../index/resource-index.js';
import { groupKindKey, isKind, SECRET, SERVICE, WORKLOADS, type GroupKind } from '../model/group-kinds.js';
import { tlsSecretSourcesIn } from '../k8s/secrets.js';
import type { Reference, RuleMeta, Settings } from './rule.js';

/**
 * The completeness principle, decided by the engine for every rule alike: a report that an object is
 * missing is only kept when the input could have held it. Repositories are split by team and
 * namespace (a chart installed into its own namespace, Services of another team, Secrets made by
 * hand), so the absence of an object says something only where the input holds its kind:
 *
 * - a reference into a namespace is judged when the input holds an object of one of the referenced
 *   kinds in that namespace, or one of that name in another namespace (the message then names it);
 * - a reference to a cluster-scoped object (namespace null) is judged when the input holds an object
 *   of one of the referenced kinds at all;
 * - a TLS certificate Secret (`ref.tls`) is judged where the input holds certificate sources in that
 *   namespace — kubernetes.io/tls Secrets, cert-manager Certificates… (tlsSecretSourcesIn) — since
 *   certificates are often made out of band while the repository holds the namespace's other Secrets;
 * - `completeness: complete` (config or --complete) judges every reference.
 *
 * Pods are looked for as WORKLOADS: a namespace holds pods when the index holds a template that makes
 * pods there — of any kind with a pod template, or made by an operator from a custom resource.
 *
 * The same rule per namespace for every reference rule, so that rules agree on every input: an
 * Ingress, an HTTPRoute and a VirtualService naming the same absent Service are all reported, or none.
 *
 * "The input holds" is read along the referencing file's line of folders: objects in its own folder,
 * in the folders above it, or below it — not in sibling folders. A repository is many applications
 * (examples, test cases, overlays, teams), each applied from its own folder; a Service of one
 * example says nothing about whether another example's route is broken, while a Deployment in
 * `app/` and its Ingress in `app/ingress/` are one application.
 *
 * For a documentation snippet (isSnippet: a file in a folder named `examples`, `samples`, `docs`, …
 * anywhere on the path, whose objects name no namespace) the unit is the file: a page shows one
 * snippet at a time, and its companions (the Gateway, the Service, the TLS Secret) are created by the
 * reader as the text says, while the files beside it are other pages' snippets. A missing object is
 * judged there only when the referencing file itself holds objects of the referenced kind.
 */
export class Completeness {
  /** group/kind + namespace (+ name) → the files and folders holding such objects, and every folder above them. */
  private readonly folders = new Map<string, { files: Set<string>; own: Set<string>; above: Set<string> }>();
  /** The folder of each file asked from, and whether it is a documentation snippet (asked once per finding). */
  private readonly files = new Map<string, { dir: string; snippet: boolean }>();

  constructor(
    private readonly index: ResourceIndex,
    private readonly mode: Settings['completeness'],
  ) {}

  /** Whether the absence of what `ref` (looked for from an object in file `from`) is evidence of a broken reference. */
  judges(ref: Reference, from: string): boolean {
    // Reports come object by object: a rule reporting every item of a long list asks the same
    // question again and again (the same kinds, namespace and name from the same file).
    const last = this.last;
    if (last !== null && last.from === from && last.namespace === ref.namespace && last.name === ref.name && last.tls === ref.tls && sameKinds(last.kinds, ref.kinds)) {
      return last.answer;
    }
    const answer = this.judgesAnew(ref, from);
    this.last = { kinds: ref.kinds, namespace: ref.namespace, name: ref.name, tls: ref.tls, from, answer };
    return answer;
  }

  /** The last question `judges` answered and its answer (the answer depends on nothing else in a run). */
  private last: { kinds: Reference['kinds']; namespace: string | null; name: string | undefined; tls: true | undefined; from: string; answer: boolean } | null = null;

  private judgesAnew(ref: Reference, from: string): boolean {
    // A Service named after a custom resource of its namespace (`<name>-head-svc`) is evidently made by
    // that resource's operator: it exists, whatever the input holds (src/index/unknown-producers.ts).
    if (ref.name !== undefined && ref.namespace !== null && isKind(ref.kinds[0], SERVICE) && this.index.unknownProducerOfService(ref.namespace, ref.name)) {
      return false;
    }
    if (this.mode === 'complete') return true;
    let where = this.files.get(from);
    if (!where) this.files.set(from, (where = { dir: folderOf(from), snippet: isSnippet(this.index, from) }));
    const { dir, snippet } = where;
    // Judged when the input holds one of the kinds in the namespace (the same answer for every name
    // asked from one file: kept for the next question), else one of that name in another namespace.
    const last = this.lastHeld;
    let held: boolean;
    if (last !== null && last.from === from && last.namespace === ref.namespace && last.tls === ref.tls && sameKinds(last.kinds, ref.kinds)) held = last.held;
    else {
      held = ref.kinds.some((kind) => this.holdsIn(kind, ref, dir, snippet && from));
      this.lastHeld = { kinds: ref.kinds, namespace: ref.namespace, tls: ref.tls, from, held };
    }
    if (held) return true;
    // One of that name in another namespace: the message names it.
    return (
      ref.name !== undefined &&
      ref.kinds.some(
        (kind) =>
          !isKind(kind, WORKLOADS) &&
          this.onLine(`${groupKindKey(kind)}\u0000\u0002${ref.name}`, dir, () => this.index.named(kind, ref.name!).map((r) => r.source.file), snippet && from),
      )
    );
  }

  /** The last namespace question of judgesAnew (a reference without its name) and its answer. */
  private lastHeld: { kinds: Reference['kinds']; namespace: string | null; tls: true | undefined; from: string; held: boolean } | null = null;

  /** Whether the input holds objects of `kind` in the reference's namespace (any, for a cluster-scoped one) along the folders of `dir`. */
  private holdsIn(kind: GroupKind, ref: Reference, dir: string, onlyFile: string | false): boolean {
    if (isKind(kind, WORKLOADS)) {
      // Pods: every template that makes pods (any workload kind, operator-made ones included).
      const templates = ref.namespace === null ? this.index.allTemplates() : this.index.templatesIn(ref.namespace);
      return this.onLine(`${groupKindKey(kind)}\u0000${ref.namespace ?? '\u0001'}`, dir, () => templates.map((t) => t.owner.source.file), onlyFile);
    }
    if (ref.tls && isKind(kind, SECRET) && ref.namespace !== null) {
      // Certificates: the namespace's certificate sources, not any Secret (see Reference.tls).
      const ns = ref.namespace;
      return this.onLine(`tls\u0000${ns}`, dir, () => tlsSecretSourcesIn(this.index, ns).map((r) => r.source.file), onlyFile);
    }
    const holders =
      ref.namespace === null ? () => this.index.all(kind).map((r) => r.source.file) : () => this.index.inNamespace(kind, ref.namespace).map((r) => r.source.file);
    return this.onLine(`${groupKindKey(kind)}\u0000${ref.namespace ?? '\u0001'}`, dir, holders, onlyFile);
  }

  /**
   * Whether some file of `files()` lies in `dir`, above it or below it (files() is asked once per key);
   * with `onlyFile`, whether that very file is one of them (a documentation snippet).
   */
  private onLine(key: string, dir: string, files: () => string[], onlyFile: string | false): boolean {
    let f = this.folders.get(key);
    if (!f) {
      f = { files: new Set(), own: new Set(), above: new Set() };
      for (const file of files()) {
        f.files.add(file);
        let d = folderOf(file);
        f.own.add(d);
        // Every folder above one that holds the kind: a file there sees it below.
        while (!f.above.has(d)) {
          f.above.add(d);
          const up = path.posix.dirname(d);
          if (up === d) break;
          d = up;
        }
      }
      this.folders.set(key, f);
    }
    if (onlyFile !== false) return f.files.has(onlyFile);
    if (f.above.has(dir)) return true;
    for (let d = dir; ; ) {
      if (f.own.has(d)) return true;
      const up = path.posix.dirname(d);
      if (up === d) return false;
      d = up;
    }
  }
}

/**
 * Folder names that hold documentation: snippets shown one at a time on a page or in a README, each
 * with companions the reader supplies (see Completeness).
 */
export const DOC_FOLDERS: ReadonlySet<string> = new Set(['doc', 'docs', 'documentation', 'example', 'examples', 'sample', 'samples', 'snippets']);

/**
 * Whether a file is a documentation snippet: it lies in a documentation folder (DOC_FOLDERS) and none
 * of its objects names a namespace of its own (`default` is no namespace of its own) — a snippet is
 * written for the reader's current namespace, while
 * an example application pinned to its own namespace (`examples/shop`, `namespace: shop` in every
 * file) is one application like any other, its files judged together.
 */
export function isSnippet(index: ResourceIndex, file: string): boolean {
  // Asked per object by the pairing rules (pairingScope): once per file.
  const known = index.memo('completeness:snippets', () => new Map<string, boolean>());
  let yes = known.get(file);
  if (yes === undefined) known.set(file, (yes = snippet(index, file)));
  return yes;
}

function snippet(index: ResourceIndex, file: string): boolean {
  if (!isDocumentation(folderOf(file))) return false;
  const pinned = index.memo('completeness:files-with-namespace', () => {
    const files = new Set<string>();
    for (const r of index.resources) {
      const meta = r.value.metadata;
      if (typeof meta === 'object' && meta !== null && !Array.isArray(meta) && typeof meta.namespace === 'string' && meta.namespace !== '' && meta.namespace !== 'default') files.add(r.source.file);
    }
    return files;
  });
  return !pinned.has(file);
}

/**
 * The scope in which objects of a file can conflict with each other (two Ingresses on one route, two
 * Services on one nodePort, VirtualServices on one host): the whole input (''), but a documentation
 * snippet (isSnippet) only with its own file — a docs page shows one snippet at a time, and two pages'
 * snippets on one route are never applied together. Pairing rules key their tables by it.
 */
export function pairingScope(index: ResourceIndex, file: string): string {
  return isSnippet(index, file) ? file : '';
}

/** Whether a folder (display path, / separators) lies in a documentation folder. */
function isDocumentation(dir: string): boolean {
  return dir.split('/').some((segment) => DOC_FOLDERS.has(segment));
}

/**
 * Whether two files lie on one line of folders (one's folder is the other's or above it): the same
 * application by the reading of Completeness, not two sibling examples.
 */
export function onFolderLine(a: string, b: string): boolean {
  const da = folderOf(a);
  const db = folderOf(b);
  const within = (inner: string, outer: string): boolean => outer === '.' || inner === outer || inner.startsWith(`${outer}/`);
  return within(da, db) || within(db, da);
}

/** The folder of a display path, with / separators ('.' for the working folder and stdin). */
function folderOf(file: string): string {
  return path.posix.dirname(file.split(path.sep).join('/'));
}

/** Whether two lists name the same group/kinds in the same order. */
function sameKinds(a: Reference['kinds'], b: Reference['kinds']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].group !== b[i].group || a[i].kind !== b[i].kind) return false;
  return true;
}

/** A rule may only report missing objects of the kinds it declares in meta.references: a bug in the rule otherwise. */
export function checkDeclared(meta: RuleMeta, ref: Reference): void {
  const declared = meta.references ?? [];
  // Asked on every report of a missing object: plain loops, no closure per kind.
  for (const k of ref.kinds) {
    let found = false;
    for (let i = 0; i < declared.length && !found; i++) found = declared[i].group === k.group && declared[i].kind === k.kind;
    if (!found) throw new Error(`rule ${meta.id} reports a missing ${groupKindKey(k)}, which is not in its meta.references`);
  }
}
