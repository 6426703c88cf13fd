// The entry esbuild bundles into dist/action/index.js (action.yml runs it with node24).
import { runAction } from './run.js';

process.exitCode = await runAction();
