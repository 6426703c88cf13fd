import type { AnyRule } from '../engine/rule.js';
import { ruleHelpMarkdown } from '../report/rule-help.js';
import { closest } from '../text/closest.js';
import { UsageError, type Io } from './io.js';

/** `kubewire explain RULE-ID`: the rule's docs, the same text SARIF carries as help.markdown. */
export function runExplain(argv: string[], io: Io, rules: readonly AnyRule[]): number {
  const id = argv[0];
  if (!id || argv.length > 1) throw new UsageError('usage: kubewire explain <rule-id> (see kubewire rules)');
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const suggestion = closest(id, rules.map((r) => r.meta.id));
    throw new UsageError(`unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (see kubewire rules)`);
  }
  io.stdout(ruleHelpMarkdown(rule.meta));
  return 0;
}
