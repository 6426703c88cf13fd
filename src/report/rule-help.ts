import { ruleDocsUrl } from '../engine/package-info.js';
import type { RuleMeta } from '../engine/rule.js';

/**
 * A rule's help: its docs (`meta.help`, the README the registry carries; for a rule without one, its
 * title and description), then severity, category and a link to the docs. `kubewire explain` prints it
 * and SARIF carries it as help.markdown (GitHub shows markdown, not helpUri, so the link goes inside).
 * A pure function of the meta: nothing is read at run time.
 */
export function ruleHelpMarkdown(meta: RuleMeta): string {
  const docs = meta.help?.trim() ? absoluteLinks(meta.help.trim(), ruleDocsUrl(meta.id)) : `# ${meta.id}\n\n${meta.title}\n\n${meta.description}`;
  const fix = meta.remediation ? `\n\n**Remediation:** ${meta.remediation}` : '';
  return `${docs}${fix}\n\n**Severity:** ${meta.severity} · **Category:** ${meta.category}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})\n`;
}

export function ruleHelpText(meta: RuleMeta): string {
  const fix = meta.remediation ? `\n\n${meta.remediation}` : '';
  return `${meta.title}\n\n${meta.description}${fix}\n\nDocumentation: ${ruleDocsUrl(meta.id)}`;
}

/** A link target with a scheme (`https:`, `mailto:`) or protocol-relative: already absolute. */
const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * The README's relative links made absolute against its own URL (`doc`, at the release tag): in
 * SARIF help and `kubewire explain` the text is read away from the repository, where
 * `../other-rule/README.md` or `#options` lead nowhere. Inline links and images (`[t](x)`,
 * `[t](x "title")`, `[t](<x>)`) and reference definitions (`[id]: x`); code blocks and inline code are
 * left alone.
 */
export function absoluteLinks(markdown: string, doc: string): string {
  const resolve = (target: string): string => (ABSOLUTE.test(target) ? target : new URL(target, doc).href);
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (f) {
        if (fence === null) fence = f[1][0];
        else if (f[1][0] === fence) fence = null;
        return line;
      }
      if (fence !== null) return line;
      const def = /^(\s{0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)(.*)$/.exec(line);
      if (def) {
        const t = def[2].startsWith('<') ? `<${resolve(def[2].slice(1, -1))}>` : resolve(def[2]);
        return `${def[1]}${t}${def[3]}`;
      }
      // Inline code spans are skipped whole; a link's text may hold one.
      return line.replace(
        /(`+)[^`]*?\1|(!?\[(?:[^\]`]|`[^`]*`)*\]\()(<[^>]*>|[^\s)]+)((?:\s+"[^"]*")?\))/g,
        (m: string, _code: string | undefined, open: string | undefined, target: string | undefined, close: string | undefined) => {
          if (open === undefined || target === undefined) return m;
          return target.startsWith('<') ? `${open}<${resolve(target.slice(1, -1))}>${close}` : `${open}${resolve(target)}${close}`;
        },
      );
    })
    .join('\n');
}
