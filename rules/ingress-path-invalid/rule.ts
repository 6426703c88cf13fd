import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressPaths, isBetaIngress, isIngress, PATH_TYPES, type IngressPathEntry } from '../../src/k8s/ingress.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
/** Regular-expression syntax: never meant literally in an Exact/Prefix path. */
const REGEX_CHARS = /[*+?()[\]{}|^$\\]/;

export default defineRule({
  meta: {
    id: 'ingress-path-invalid',
    title: 'Ingress path or pathType is invalid',
    description:
      'Every networking.k8s.io/v1 Ingress path needs a pathType of Exact, Prefix or ImplementationSpecific. Exact and Prefix paths must be absolute and must not contain `//`, `/./`, `/../` or `%2f` or end in `/.` or `/..`; ImplementationSpecific paths may be empty but otherwise start with `/`. A regular expression in an Exact or Prefix path is matched literally, and ingress-nginx (strict-validate-path-type) refuses it.',
    severity: 'error',
    category: 'validity',
    appliesTo: INGRESS_KINDS,
    remediation:
      'Give every v1 path a pathType: Exact, Prefix, or ImplementationSpecific (which keeps the v1beta1 behaviour). Exact and Prefix paths are literal: use ImplementationSpecific for a regular-expression path (ingress-nginx strict-validate-path-type refuses regex characters in the others).',
    messages: {
      missingPathType:
        '{ingress} path {path} has no pathType: networking.k8s.io/v1 requires Exact, Prefix or ImplementationSpecific',
      unknownPathType: '{ingress} path {path} has pathType {pathType}: use Exact, Prefix or ImplementationSpecific',
      unknownPathTypeClosest: '{ingress} path {path} has pathType {pathType}, not Exact, Prefix or ImplementationSpecific; did you mean {suggestion}?',
      notAbsolute: '{ingress} {pathType} path "{path}" must start with "/"',
      sequence: '{ingress} {pathType} path {path} must not contain "{sequence}"',
      suffix: '{ingress} {pathType} path {path} must not end with "{suffix}"',
      regex:
        '{ingress} {pathType} path {path} contains regular-expression characters, which {pathType} matches literally',
    },
  },
  check(ctx) {
    const ing = ctx.resource;
    if (!isIngress(ing)) return;
    const ingress = describeIngress(ing);
    const beta = isBetaIngress(ing);
    // An indexed loop (no iterator objects before the code is optimized: every path of every Ingress);
    // a path's pointers and report data are made for a report only (most paths are valid).
    const paths = ingressPaths(ing);
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i];
      const path = p.path ?? '';
      const shown = p.path === null || p.path === '' ? '(empty)' : p.path;
      if (p.pathType === null) {
        // v1beta1 defaulted pathType to ImplementationSpecific.
        if (!beta) ctx.report({ messageId: 'missingPathType', data: { ingress, path: shown }, at: joinPointer(p.at, 'pathType'), target: 'key' });
        if (beta && path !== '' && !path.startsWith('/')) {
          ctx.report({ messageId: 'notAbsolute', data: { ingress, path, pathType: 'ImplementationSpecific' }, at: pathAt(p) });
        }
        continue;
      }
      if (!PATH_TYPES.includes(p.pathType)) {
        const typeAt = p.at + TYPE_AT;
        const suggestion = closest(p.pathType, PATH_TYPES);
        ctx.report({
          messageId: suggestion ? 'unknownPathTypeClosest' : 'unknownPathType',
          data: { ingress, path: shown, pathType: p.pathType, ...(suggestion ? { suggestion } : {}) },
          at: typeAt,
          ...(suggestion ? { fix: { at: typeAt, replace: suggestion, description: `Use ${suggestion}` } } : {}),
        });
        continue;
      }
      const pathType = p.pathType;
      if (pathType === 'ImplementationSpecific') {
        if (path !== '' && !path.startsWith('/')) ctx.report({ messageId: 'notAbsolute', data: { ingress, path, pathType }, at: pathAt(p) });
        continue;
      }
      if (!path.startsWith('/')) {
        ctx.report({ messageId: 'notAbsolute', data: { ingress, path, pathType }, at: pathAt(p) });
        continue;
      }
      const sequence = INVALID_SEQUENCES.find((s) => path.includes(s));
      if (sequence !== undefined) {
        ctx.report({ messageId: 'sequence', data: { ingress, path: shown, pathType, sequence }, at: pathAt(p) });
        continue;
      }
      const suffix = INVALID_SUFFIXES.find((s) => path.endsWith(s));
      if (suffix !== undefined) {
        ctx.report({ messageId: 'suffix', data: { ingress, path: shown, pathType, suffix }, at: pathAt(p) });
        continue;
      }
      if (REGEX_CHARS.test(path)) {
        ctx.report({
          messageId: 'regex',
          data: { ingress, path: shown, pathType },
          at: pathAt(p),
          severity: 'warning',
          fix: {
            at: p.at + TYPE_AT,
            replace: 'ImplementationSpecific',
            description: 'Use pathType ImplementationSpecific (with ingress-nginx, also set nginx.ingress.kubernetes.io/use-regex: "true")',
          },
        });
      }
    }
  },
});

const PATH_AT = pointer('path');
const TYPE_AT = pointer('pathType');

/** Where a path's finding goes: its `path`, else the path entry. */
function pathAt(p: IngressPathEntry): string {
  return p.value.path !== undefined ? p.at + PATH_AT : p.at;
}
