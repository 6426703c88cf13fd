import { defineRule } from '../../src/engine/rule.js';
import { INGRESS_KINDS } from '../../src/model/group-kinds.js';
import { describeIngress, ingressPaths, isBetaIngress, isIngress, PATH_TYPES } from '../../src/k8s/ingress.js';
import { joinPointer, pointer } from '../../src/model/pointer.js';
import { closest } from '../../src/text/closest.js';

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
/** Regular-expression syntax: never meant literally in an Exact/Prefix path. */
const REGEX_CHARS = /[*+?()[\]{}|^$\\]/;

/**
 * Whether an Exact or Prefix path passes every check below: absolute, none of INVALID_SEQUENCES, none
 * of INVALID_SUFFIXES, no REGEX_CHARS.
 */
function plainAbsolute(path: string): boolean {
  if (!path.startsWith('/') || REGEX_CHARS.test(path)) return false;
  for (let i = 0; i < INVALID_SEQUENCES.length; i++) if (path.includes(INVALID_SEQUENCES[i])) return false;
  for (let i = 0; i < INVALID_SUFFIXES.length; i++) if (path.endsWith(INVALID_SUFFIXES[i])) return false;
  return true;
}

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
    // An indexed loop (no iterator objects before the code is optimized: every path of every Ingress).
    const paths = ingressPaths(ing);
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i];
      const path = p.path ?? '';
      // A valid path (most of them) is read without making its pointers or report data.
      if (p.pathType !== null && (p.pathType === 'Exact' || p.pathType === 'Prefix') && plainAbsolute(path)) continue;
      const shown = p.path === null || p.path === '' ? '(empty)' : p.path;
      const pathAt = p.value.path !== undefined ? p.at + pointer('path') : p.at;
      const typeAt = p.at + pointer('pathType');
      if (p.pathType === null) {
        // v1beta1 defaulted pathType to ImplementationSpecific.
        if (!beta) ctx.report({ messageId: 'missingPathType', data: { ingress, path: shown }, at: joinPointer(p.at, 'pathType'), target: 'key' });
        if (beta && path !== '' && !path.startsWith('/')) {
          ctx.report({ messageId: 'notAbsolute', data: { ingress, path, pathType: 'ImplementationSpecific' }, at: pathAt });
        }
        continue;
      }
      if (!PATH_TYPES.includes(p.pathType)) {
        const suggestion = closest(p.pathType, PATH_TYPES);
        ctx.report({
          messageId: suggestion ? 'unknownPathTypeClosest' : 'unknownPathType',
          data: { ingress, path: shown, pathType: p.pathType, ...(suggestion ? { suggestion } : {}) },
          at: typeAt,
          ...(suggestion ? { fix: { at: typeAt, replace: suggestion, description: `Use ${suggestion}` } } : {}),
        });
        continue;
      }
      const data = { ingress, path: shown, pathType: p.pathType };
      if (p.pathType === 'ImplementationSpecific') {
        if (path !== '' && !path.startsWith('/')) ctx.report({ messageId: 'notAbsolute', data: { ...data, path }, at: pathAt });
        continue;
      }
      if (!path.startsWith('/')) {
        ctx.report({ messageId: 'notAbsolute', data: { ...data, path }, at: pathAt });
        continue;
      }
      const sequence = INVALID_SEQUENCES.find((s) => path.includes(s));
      if (sequence !== undefined) {
        ctx.report({ messageId: 'sequence', data: { ...data, sequence }, at: pathAt });
        continue;
      }
      const suffix = INVALID_SUFFIXES.find((s) => path.endsWith(s));
      if (suffix !== undefined) {
        ctx.report({ messageId: 'suffix', data: { ...data, suffix }, at: pathAt });
        continue;
      }
      if (REGEX_CHARS.test(path)) {
        ctx.report({
          messageId: 'regex',
          data,
          at: pathAt,
          severity: 'warning',
          fix: {
            at: typeAt,
            replace: 'ImplementationSpecific',
            description: 'Use pathType ImplementationSpecific (with ingress-nginx, also set nginx.ingress.kubernetes.io/use-regex: "true")',
          },
        });
      }
    }
  },
});
