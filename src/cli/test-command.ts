import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../config/load-config.js';
import type { AnyRule } from '../engine/rule.js';
import type { Finding } from '../engine/result.js';
import { compareExpectations, ExpectationSyntaxError, parseExpectations, type Expectation } from '../testing/fixtures.js';
import { INPUT_OPTIONS, lintInputs, parseCommandArgs, UsageError, type Io } from './io.js';

const TEST_HELP = `Usage: kubewire test [DIR...] [options]

Lints each fixture folder (default: the current folder) with the config found for it and compares
the findings with the "# expect:" markers in its files, both ways: the markers kubewire's own rule
fixtures use (CONTRIBUTING "Fixtures"):

  replicas: 7   # expect: policy/replica-limit@13 deny {"action": "Deny"}
  # expect-next-line: rule-id[@column] [messageId] [{json data subset}]

Every finding of every enabled rule (and policy) must be expected on the line it starts on, and
every marker met. Files named valid*.yaml must produce nothing.

Options:
  -c, --config FILE      config file (default: .kubewire.yaml or .kubewire.yml, found upward)
      --policy PATH      a file of ValidatingAdmissionPolicies and bindings (repeatable)
      --namespace NS     namespace of objects without metadata.namespace (default "default")
      --no-render        do not render Helm charts and Kustomize roots
  -h, --help             this help

Exit codes: 0 every fixture as expected, 1 missing or unexpected findings, 2 usage, config or input error.
`;

/** `kubewire test [DIR…]`: fixture folders checked against their inline `# expect:` markers. */
export async function runTestCommand(argv: string[], io: Io, rules: readonly AnyRule[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { ...INPUT_OPTIONS, policy: { type: 'string', multiple: true }, 'no-render': { type: 'boolean', default: false } },
    'test',
  );
  if (values.help) {
    io.stdout(TEST_HELP);
    return 0;
  }
  if (positionals.includes('-')) throw new UsageError('kubewire test reads fixture folders, not stdin');
  const dirs = positionals.length > 0 ? positionals : ['.'];
  let failed = 0;
  let checked = 0;
  let inputErrors = false;
  for (const dir of dirs) {
    // Each folder is linted with its own config (found upward from it), unless -c names one.
    const config = values.config ?? findConfigFile(path.resolve(io.cwd, dir)) ?? undefined;
    const result = await lintInputs(io, [dir], { ...values, config }, {
      rules,
      policies: values.policy,
      ...(values['no-render'] ? { render: false } : {}),
    });
    for (const e of result.errors) io.stderr(`kubewire: ${e}\n`);
    if (result.errors.length > 0) inputErrors = true;
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const file of result.files) {
      // Rendered output (a chart's, a root's) has no markers of its own: its findings were mapped to the sources.
      if (seen.has(file.path) || file.absPath === '') continue;
      seen.add(file.path);
      let expected;
      try {
        expected = parseExpectations(file.text);
      } catch (err) {
        if (!(err instanceof ExpectationSyntaxError)) throw err;
        problems.push(`${file.path}: malformed marker: ${err.message}`);
        continue;
      }
      const actual = byFile.get(file.path) ?? [];
      byFile.delete(file.path);
      if (expected.length === 0 && actual.length === 0) continue;
      checked++;
      const compared = compareExpectations(expected, actual);
      for (const p of compared.problems) problems.push(`${file.path}: ${p}`);
      if (path.basename(file.path).startsWith('valid') && expected.length > 0) problems.push(`${file.path}: a valid* fixture must not expect findings`);
    }
    // Findings in a file that is not an input (the config file, for its inline policies): its markers count too.
    for (const [file, findings] of byFile) {
      let expected: Expectation[];
      try {
        expected = parseExpectations(readFileSync(path.resolve(io.cwd, file), 'utf8'));
      } catch (err) {
        if (err instanceof ExpectationSyntaxError) problems.push(`${file}: malformed marker: ${err.message}`);
        expected = [];
      }
      checked++;
      for (const p of compareExpectations(expected, findings).problems) problems.push(`${file}: ${p}`);
    }
    if (problems.length > 0) {
      failed++;
      io.stdout(`FAIL ${dir}\n${problems.map((p) => `  ${p}\n`).join('')}`);
    } else io.stdout(`ok   ${dir}\n`);
  }
  io.stdout(`${dirs.length - failed} of ${dirs.length} fixture folder(s) as expected (${checked} file(s) with findings or markers)\n`);
  if (inputErrors) return 2;
  return failed > 0 ? 1 : 0;
}
