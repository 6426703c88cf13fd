import { describe, expect, it } from 'vitest';
import { BATCH_INTERRUPT_BUDGET, batchV8Flag } from '../src/engine/v8-tuning.js';

describe('batchV8Flag: the tier-up budget of a batch command', () => {
  const flag = `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`;

  it('raises the budget for the batch commands on V8 11 (Node 20)', () => {
    for (const command of ['lint', 'graph', 'test', 'rules', undefined]) expect(batchV8Flag(command, [], '11.3.244.8-node.38')).toBe(flag);
  });

  it('leaves the language server at V8 defaults: it runs for hours', () => {
    expect(batchV8Flag('lsp', [], '11.3.244.8-node.38')).toBeNull();
  });

  it('leaves other V8 versions at their defaults (measured on V8 11 only)', () => {
    expect(batchV8Flag('lint', [], '12.4.254.21-node.33')).toBeNull();
    expect(batchV8Flag('lint', [], '13.6.233.10-node.24')).toBeNull();
    expect(batchV8Flag('lint', [], '1.3.0')).toBeNull();
  });

  it("never overrides the user's own budget, in either spelling", () => {
    expect(batchV8Flag('lint', ['--interrupt-budget=1000'], '11.3.244.8')).toBeNull();
    expect(batchV8Flag('lint', ['--interrupt_budget=1000'], '11.3.244.8')).toBeNull();
    // Another flag that merely starts the same way is not the user's budget.
    expect(batchV8Flag('lint', ['--interrupt-budget-for-feedback-allocation=900', '--max-old-space-size=512'], '11.3.244.8')).toBe(flag);
  });
});
