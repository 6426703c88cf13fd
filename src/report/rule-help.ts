import { ruleDocsUrl } from '../engine/package-info.js';
import type { RuleMeta } from '../engine/rule.js';

/**
 * A rule's help: its docs (`meta.help`, the README the registry carries; for a rule without one, its
 * title and description), then severity, category and a link to the docs. `kubewire explain` prints it
 * and SARIF carries it as help.markdown (GitHub shows markdown, not helpUri, so the link goes inside).
 * A pure function of the meta: nothing is read at run time.
 */
export function ruleHelpMarkdown(meta: RuleMeta): string {
  const docs = meta.help?.trim() || `# ${meta.id}\n\n${meta.title}\n\n${meta.description}`;
  const fix = meta.remediation ? `\n\n**Remediation:** ${meta.remediation}` : '';
  return `${docs}${fix}\n\n**Severity:** ${meta.severity} · **Category:** ${meta.category}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})\n`;
}

export function ruleHelpText(meta: RuleMeta): string {
  const fix = meta.remediation ? `\n\n${meta.remediation}` : '';
  return `${meta.title}\n\n${meta.description}${fix}\n\nDocumentation: ${ruleDocsUrl(meta.id)}`;
}
