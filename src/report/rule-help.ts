import { ruleDocsUrl, ruleReadme } from '../engine/package-info.js';
import type { RuleMeta } from '../engine/rule.js';

/**
 * A rule's help: its README, then a link to the docs. `kubewire explain` prints it and SARIF carries it
 * as help.markdown (GitHub shows markdown, not helpUri, so the link goes inside).
 */
export function ruleHelpMarkdown(meta: RuleMeta): string {
  const readme = ruleReadme(meta.id)?.trim() ?? `# ${meta.id}\n\n${meta.title}\n\n${meta.description}`;
  const fix = meta.remediation ? `\n\n**Remediation:** ${meta.remediation}` : '';
  return `${readme}${fix}\n\n**Severity:** ${meta.severity} · **Category:** ${meta.category}\n\n[Rule documentation](${ruleDocsUrl(meta.id)})\n`;
}

export function ruleHelpText(meta: RuleMeta): string {
  const fix = meta.remediation ? `\n\n${meta.remediation}` : '';
  return `${meta.title}\n\n${meta.description}${fix}\n\nDocumentation: ${ruleDocsUrl(meta.id)}`;
}
