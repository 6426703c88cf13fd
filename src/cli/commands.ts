// The commands besides `--version` and `--help`, with the rules, in one module that main.ts imports when
// a command runs: in the CLI bundle (scripts/build-cli.mjs) this `import()` starts one chunk holding
// all of them, so `--version` compiles none of them while a `lint` loads a handful of chunks, not one
// per combination of commands sharing a module (each chunk costs a resolve and a read). The language
// server stays behind its own `import()` (src/cli/lsp.ts), as does what only some inputs need (CEL).
export { rules } from '../../rules/index.js';
export { runExplain } from './explain.js';
export { runGraph } from './graph.js';
export { runLint } from './lint.js';
export { runLsp } from './lsp.js';
export { runRulesCommand } from './rules-command.js';
export { runTestCommand } from './test-command.js';
