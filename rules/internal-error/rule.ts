import { defineRule } from '../../src/engine/rule.js';
import { INTERNAL_ERROR_MESSAGE } from '../../src/engine/run.js';

/**
 * Reported by the engine, not by a check: when a rule throws on a resource, the run goes on and this
 * finding names the rule and the error.
 */
export default defineRule({
  meta: {
    id: 'internal-error',
    title: 'A rule crashed on this resource',
    description:
      'A kubewire rule threw an exception while checking this resource. The run went on without that rule for this resource, so a mistake may go unreported. This is a bug in kubewire: please report it with the manifest.',
    severity: 'error',
    category: 'input',
    appliesTo: [],
    messages: { crashed: INTERNAL_ERROR_MESSAGE },
  },
});
