import type { Resource, Severity } from '../model/types.js';
import type { RuleMeta } from './rule.js';

/**
 * One finding per problem (CONTRIBUTING.md, "One finding per problem"). The schema rules check every
 * field generically; a semantic rule that describes the same defect at the same field says more (the
 * fix, the objects involved). So, within one resource:
 *
 * 1. A schema finding (a rule of category `schema`) is dropped when a finding of a rule of another
 *    category sits at the same pointer with at least the same severity.
 * 2. When rule 1 drops an unknown-field finding at a key, the unknown-field findings at the other keys
 *    of the same object are dropped too: the semantic rule recognised the object's unknown fields as
 *    one family (the v1beta1 `serviceName`/`servicePort` of a v1 Ingress backend) and names them.
 *
 * 3. A finding of a rule with `meta.qualifies` (about a detail of a reference: a VirtualService
 *    destination's subset) is dropped when one of the named rules reports a sibling field of the same
 *    object (the destination's host leads nowhere): the reference itself is the problem.
 *
 * Pointers compare exactly: a missing required field is reported at the absent field's pointer, so a
 * finding about the object (a port without name) does not hide one about another of its fields (a
 * port without port). File-level findings (no resource) are never dropped. Linear in the findings.
 */
export interface PrecedenceFinding {
  rule: RuleMeta;
  resource: Resource | null;
  at: string | null;
  severity: Severity;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };
const UNKNOWN_FIELD_RULE = 'schema-unknown-field';

export function applyPrecedence<F extends PrecedenceFinding>(findings: F[]): F[] {
  return dropQualifiers(dropSchemaDuplicates(findings));
}

/** Rule 3: details of a reference that another rule found leads nowhere. */
function dropQualifiers<F extends PrecedenceFinding>(findings: F[]): F[] {
  if (!findings.some((f) => f.rule.qualifies?.length)) return findings;
  const reported = new Map<Resource, Set<string>>();
  for (const f of findings) {
    if (!f.resource || f.at === null) continue;
    let set = reported.get(f.resource);
    if (!set) reported.set(f.resource, (set = new Set()));
    set.add(`${f.rule.id}\u0000${parentPointer(f.at)}`);
  }
  return findings.filter((f) => {
    if (!f.rule.qualifies?.length || !f.resource || f.at === null) return true;
    const set = reported.get(f.resource)!;
    const parent = parentPointer(f.at);
    return !f.rule.qualifies.some((id) => set.has(`${id}\u0000${parent}`));
  });
}

function dropSchemaDuplicates<F extends PrecedenceFinding>(findings: F[]): F[] {
  // Only objects with schema findings (or unknown fields) are judged here: nothing to drop without
  // them, and a run may have a hundred thousand other findings.
  const judged = new Set<Resource>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.resource && f.at !== null && (f.rule.category === 'schema' || f.rule.id === UNKNOWN_FIELD_RULE)) judged.add(f.resource);
  }
  if (judged.size === 0) return findings;
  // Strongest semantic severity at each (resource, pointer).
  const semantic = new Map<Resource, Map<string, number>>();
  for (const f of findings) {
    if (!f.resource || f.at === null || !judged.has(f.resource)) continue;
    if (f.rule.category === 'schema') continue;
    let at = semantic.get(f.resource);
    if (!at) semantic.set(f.resource, (at = new Map<string, number>()));
    at.set(f.at, Math.max(at.get(f.at) ?? -1, RANK[f.severity]));
  }
  if (semantic.size === 0) return findings;

  const covered = (f: F): boolean => {
    const rank = semantic.get(f.resource!)?.get(f.at!);
    return rank !== undefined && rank >= RANK[f.severity];
  };
  // Rule 2: objects whose unknown fields a semantic finding explained.
  const explainedObjects = new Map<Resource, Set<string>>();
  for (const f of findings) {
    if (f.rule.id !== UNKNOWN_FIELD_RULE || !f.resource || f.at === null || !covered(f)) continue;
    let set = explainedObjects.get(f.resource);
    if (!set) explainedObjects.set(f.resource, (set = new Set()));
    set.add(parentPointer(f.at));
  }
  return findings.filter((f) => {
    if (f.rule.category !== 'schema' || !f.resource || f.at === null) return true;
    if (covered(f)) return false;
    if (f.rule.id === UNKNOWN_FIELD_RULE && explainedObjects.get(f.resource)?.has(parentPointer(f.at))) return false;
    return true;
  });
}

function parentPointer(at: string): string {
  const i = at.lastIndexOf('/');
  return i <= 0 ? '' : at.slice(0, i);
}
