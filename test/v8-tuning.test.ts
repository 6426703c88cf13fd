import { describe, expect, it } from 'vitest';
import { BATCH_INLINING_BUDGET, BATCH_INTERRUPT_BUDGET, batchV8Flag } from '../src/engine/v8-tuning.js';

describe('batchV8Flag: the tier-up and inlining budgets of a batch command', () => {
  const budget = `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`;
  const inlining = `--max-inlined-bytecode-size-cumulative=${BATCH_INLINING_BUDGET}`;
  const flags = `${budget} ${inlining}`;

  it('raises the tier-up budget and lowers the inlining budget for the batch commands on V8 11 (Node 20)', () => {
    for (const command of ['lint', 'graph', 'test', 'rules', undefined]) expect(batchV8Flag(command, [], '11.3.244.8-node.38')).toBe(flags);
  });

  it('leaves the language server at V8 defaults: it runs for hours', () => {
    expect(batchV8Flag('lsp', [], '11.3.244.8-node.38')).toBeNull();
  });

  it('leaves other V8 versions at their defaults (measured on V8 11 only)', () => {
    expect(batchV8Flag('lint', [], '12.4.254.21-node.33')).toBeNull();
    expect(batchV8Flag('lint', [], '13.6.233.10-node.24')).toBeNull();
    expect(batchV8Flag('lint', [], '1.3.0')).toBeNull();
  });

  it("never overrides the user's own flags, in either spelling, and keeps the other", () => {
    expect(batchV8Flag('lint', ['--interrupt-budget=1000'], '11.3.244.8')).toBe(inlining);
    expect(batchV8Flag('lint', ['--interrupt_budget=1000'], '11.3.244.8')).toBe(inlining);
    expect(batchV8Flag('lint', ['--max_inlined_bytecode_size_cumulative=50'], '11.3.244.8')).toBe(budget);
    expect(batchV8Flag('lint', ['--interrupt-budget=1000', '--max-inlined-bytecode-size-cumulative=50'], '11.3.244.8')).toBeNull();
    // Another flag that merely starts the same way is not the user's.
    expect(batchV8Flag('lint', ['--interrupt-budget-for-feedback-allocation=900', '--max-inlined-bytecode-size=100', '--max-old-space-size=512'], '11.3.244.8')).toBe(flags);
  });
});
