import type { AnyRule } from '../engine/rule.js';
import { ruleHelpMarkdown } from '../report/rule-help.js';
import { closest } from '../text/closest.js';
import { parseCommandArgs, UsageError, type Io } from './io.js';
import { POLICY_OPTIONS, withConfiguredPolicies } from './policy-rules.js';

/** `kubewire explain RULE-ID`: the rule's docs, the same text SARIF carries as help.markdown. */
export function runExplain(argv: string[], io: Io, builtin: readonly AnyRule[]): number {
  const { values, positionals } = parseCommandArgs(argv, POLICY_OPTIONS, 'explain');
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError('usage: kubewire explain <rule-id> [-c CONFIG] [--policy PATH] (see kubewire rules)');
  // A policy of the config or of --policy is explained like a rule (policy/<name>).
  const rules = id.startsWith('policy/') ? withConfiguredPolicies(io, builtin, values) : builtin;
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const suggestion = closest(id, rules.map((r) => r.meta.id));
    throw new UsageError(`unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (see kubewire rules)`);
  }
  io.stdout(ruleHelpMarkdown(rule.meta));
  return 0;
}
