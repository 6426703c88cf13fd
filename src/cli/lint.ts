import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { SEVERITY_VALUES } from '../config/schema.js';
import { fixedFindings, planFixes, unifiedDiff, type FilePlan } from '../engine/fix.js';
import { summarize, type LintResult } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';
import type { Severity } from '../model/types.js';
import { formatChunks, FORMATS, type FormatName } from '../report/index.js';
import { sarifLimitWarnings } from '../report/sarif.js';
import { discoverFiles } from '../load/discover.js';
import { displayPath } from '../load/load.js';
import { checkLocation } from '../schema/locations.js';
import { closest } from '../text/closest.js';
import { INPUT_OPTIONS, lintInputs, parseCommandArgs, UsageError, writeOutput, type Io } from './io.js';

const LINT_HELP = `Usage: kubewire lint [paths...] [options]

Lints Kubernetes manifests: files, folders (recursive: .yaml, .yml, .json; .git, node_modules,
vendor, testdata and .gitignore'd folders skipped unless named), globs, or "-" for stdin. Default:
the current folder.

Options:
  -f, --format NAME              stylish (default) | json | sarif | github | compact
  -o, --output-file FILE         write the report to FILE instead of stdout
  -c, --config FILE              config file (default: .kubewire.yaml or .kubewire.yml, found upward)
      --namespace NS             namespace of objects without metadata.namespace (default "default")
      --kubernetes-version X.Y   target Kubernetes version for schema and API-version rules
      --rule ID=LEVEL            set a rule to off | error | warning | info (repeatable)
      --schema-location LOC      extra JSON schemas: a folder, file or https:// URL template in
                                 kubeconform's convention, e.g. {{.Group}}/{{.ResourceKind}}.json
                                 (repeatable; tried in order after the embedded Kubernetes schemas)
      --crd PATH                 a CustomResourceDefinition file or URL whose custom resources are
                                 validated (repeatable; adds to the config's crds)
      --policy PATH              a file or folder of ValidatingAdmissionPolicies and their bindings,
                                 evaluated on every object (repeatable; adds to the config's policies)
      --cache-dir DIR            where downloaded schemas are kept
                                 (default: $XDG_CACHE_HOME/kubewire/schemas or ~/.cache/kubewire/schemas)
      --no-render                do not render Helm charts and build Kustomize roots with helm and
                                 kustomize (default: when found on PATH; see README)
      --max-warnings N           exit 1 when there are more than N warnings
      --quiet                    report errors only
      --stdin-filename NAME      the name of stdin in reports
      --context PATH             read PATH (repeatable; a folder, file or glob) as the context and
                                 report only on the files named as paths: a pre-commit or lefthook
                                 hook's staged files judged with the whole repository, e.g.
                                 kubewire lint --context . -- $(git diff --cached --name-only)
                                 (files the context leaves out, such as testdata/ or ignored
                                 files, are not reported on)
      --include-suppressed       SARIF: include suppressed findings with their justification
      --fix                      apply the rules' safe fixes (the editor's quick fixes) to the files,
                                 replacing only the fixed scalars, then report what remains
      --fix-dry-run              print the fixes as a unified diff, write nothing, report what remains
      --color, --no-color        force colors on or off (NO_COLOR is respected)
  -h, --help                     this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings at a failing level,
2 usage, config or input error.
`;

export async function runLint(argv: string[], io: Io, rules: readonly AnyRule[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      ...INPUT_OPTIONS,
      format: { type: 'string', short: 'f', default: 'stylish' },
      'kubernetes-version': { type: 'string' },
      rule: { type: 'string', multiple: true },
      'schema-location': { type: 'string', multiple: true },
      'cache-dir': { type: 'string' },
      'no-render': { type: 'boolean', default: false },
      crd: { type: 'string', multiple: true },
      policy: { type: 'string', multiple: true },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      'include-suppressed': { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      context: { type: 'string', multiple: true },
    },
    'lint',
  );
  if (values.help) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const formatName = values.format as FormatName;
  if (!FORMATS.includes(formatName)) throw new UsageError(`unknown format "${values.format}" (formats: ${FORMATS.join(', ')})`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, got "${values['max-warnings']}"`);
  }
  if (values['kubernetes-version'] !== undefined && !/^1\.\d+$/.test(values['kubernetes-version'])) {
    throw new UsageError(`--kubernetes-version takes X.Y, like 1.33; got "${values['kubernetes-version']}"`);
  }
  for (const location of values['schema-location'] ?? []) {
    const problem = checkLocation(location);
    if (problem) throw new UsageError(`--schema-location: ${problem}`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  const ruleOverrides = parseRuleFlags(values.rule ?? [], rules);
  const context = values.context ? reportScope(io, values.context, positionals, values.config, rules) : null;
  const lintOnce = async () => {
    const r = await lintInputs(io, context ? values.context! : positionals, values, {
      kubernetesVersion: values['kubernetes-version'],
      ruleOverrides,
      rules,
      // With --context, the suppressed findings are kept to count those of the reported files.
      includeSuppressed: values['include-suppressed'] || context !== null,
      schemaLocations: values['schema-location'],
      cacheDir: values['cache-dir'],
      ...(values['no-render'] ? { render: false } : {}),
      crds: values.crd,
      policies: values.policy,
    });
    return context ? restrictTo(r, context, values['include-suppressed']) : r;
  };
  let result: LintResult = await lintOnce();
  if (values.fix || values['fix-dry-run']) {
    let plans = planFixes(result);
    if (values['fix-dry-run']) {
      io.stdout(plans.map((p) => unifiedDiff(p.file.path, p.file.text, p.output)).join(''));
      const fixed = fixedFindings(plans);
      const findings = result.findings.filter((f) => !fixed.has(f));
      result = { ...result, findings, summary: summarize(findings, result.summary.suppressed, result.summary) };
    } else {
      // What remains is what the fixed files give: they are linted again, and fixed again while a pass
      // writes something (a fix can bring out another: a kind corrected gets its references judged),
      // at most MAX_FIX_PASSES times, as ESLint does.
      let last = plans;
      const written = new Set<string>();
      let fixes = 0;
      for (let pass = 1; ; pass++) {
        const wrote = writeFixes(last, io);
        if (wrote.files.length === 0) break;
        for (const f of wrote.files) written.add(f);
        fixes += wrote.fixes;
        result = await lintOnce();
        if (pass === MAX_FIX_PASSES) break;
        last = planFixes(result);
      }
      if (written.size > 0) io.stderr(`kubewire: applied ${fixes} fix(es) in ${written.size} file(s)\n`);
      plans = last;
    }
    for (const p of plans) for (const s of p.skipped) io.stderr(`kubewire: ${s.finding.file}:${s.finding.line}:${s.finding.column}: fix not applied (${s.finding.ruleId}): ${s.reason}\n`);
  }
  if (values.quiet) {
    const findings = result.findings.filter((f) => f.severity === 'error');
    result = { ...result, findings, summary: summarize(findings, result.summary.suppressed, result.summary) };
  }
  for (const e of result.errors) io.stderr(`kubewire: ${e}\n`);

  const color =
    values['no-color'] || io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== ''
      ? false
      : (values.color ?? (io.isTTY && !values['output-file']));
  const report = formatChunks(formatName, result, { color, includeSuppressed: values['include-suppressed'] });
  const size = { chars: 0, gzipped: 0 };
  writeOutput(io, values['output-file'], formatName === 'sarif' ? measured(report, size) : report);
  if (formatName === 'sarif') warnSarifLimits(size, result, io);
  if (result.errors.length > 0) return 2;
  const { errors, warnings } = result.summary;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

/** What `--context` reports on: the named files the context reads, by display path; the named files it leaves out; errors. */
interface ReportScope {
  files: Set<string>;
  errors: string[];
}

/**
 * `--context`: the files named as paths that the context's discovery reads (so `.gitignore`, the
 * config's ignorePaths and skipped folders apply as in \`lint .\`). A named file the context leaves
 * out is not reported on (a note on stderr): judging it with only the files named beside it would
 * make the result depend on how a hook runner splits its file list.
 */
function reportScope(io: Io, context: string[], named: string[], configFile: string | undefined, rules: readonly AnyRule[]): ReportScope {
  if (context.includes('-') || named.includes('-')) throw new UsageError('--context does not read stdin ("-")');
  let config;
  try {
    config = loadConfig({ cwd: io.cwd, file: configFile, rules });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const options = { cwd: io.cwd, ignorePaths: config.ignorePaths, ignoreBase: config.dir };
  const inContext = new Set(discoverFiles(context, options).files);
  const asked = discoverFiles(named, options);
  const files = new Set<string>();
  const outside: string[] = [];
  for (const abs of asked.files) {
    if (inContext.has(abs)) files.add(displayPath(io.cwd, abs));
    else outside.push(displayPath(io.cwd, abs));
  }
  if (outside.length > 0) {
    const shown = outside.slice(0, 5).join(', ') + (outside.length > 5 ? ` and ${outside.length - 5} more` : '');
    io.stderr(`kubewire: not reported on, outside the --context (ignored or skipped folders): ${shown}\n`);
  }
  return { files, errors: asked.errors };
}

/** The result restricted to the findings in the scope's files (their related locations may point anywhere). */
function restrictTo(result: LintResult, scope: ReportScope, keepSuppressed: boolean): LintResult {
  const findings = result.findings.filter((f) => scope.files.has(f.file));
  const suppressed = result.suppressed.filter((f) => scope.files.has(f.file));
  return {
    ...result,
    findings,
    suppressed: keepSuppressed ? suppressed : [],
    summary: summarize(findings, suppressed.length, result.summary),
    errors: [...result.errors, ...scope.errors],
  };
}

/** Fix passes of `lint --fix` at most (ESLint's limit): fixes that undo each other stop there. */
export const MAX_FIX_PASSES = 10;

/**
 * Writes the planned files; a file whose text on disk is no longer the text that was linted (changed
 * during the run) is not written. Returns the files written (display paths) and the fixes in them.
 */
export function writeFixes(plans: readonly FilePlan[], io: Pick<Io, 'stderr'>): { files: string[]; fixes: number } {
  const files: string[] = [];
  let fixes = 0;
  for (const p of plans) {
    if (p.edits.length === 0 || p.output === p.file.text) continue;
    let current: string;
    try {
      current = readFileSync(p.file.absPath, 'utf8');
    } catch {
      current = '';
    }
    if (current !== p.file.text) {
      io.stderr(`kubewire: ${p.file.path} changed on disk during the run: its ${p.edits.length} fix(es) were not written\n`);
      continue;
    }
    writeFileSync(p.file.absPath, p.output);
    files.push(p.file.path);
    fixes += p.edits.length;
  }
  return { files, fixes };
}

function parseRuleFlags(flags: string[], rules: readonly AnyRule[]): Record<string, Severity | 'off'> {
  const ids = rules.map((r) => r.meta.id);
  const out: Record<string, Severity | 'off'> = {};
  for (const flag of flags) {
    const m = /^([a-z0-9-]+|policy\/[a-z0-9][-a-z0-9.]*)=(\w+)$/.exec(flag);
    if (!m) throw new UsageError(`--rule takes ID=LEVEL (LEVEL: ${SEVERITY_VALUES.join(', ')}), got "${flag}"`);
    const [, id, level] = m;
    // A policy's rule is known only once the input is read: policy/<name> is taken as given.
    if (!ids.includes(id) && !id.startsWith('policy/')) {
      const suggestion = closest(id, ids);
      throw new UsageError(`unknown rule "${id}" in --rule${suggestion ? `; did you mean "${suggestion}"?` : ''} (see kubewire rules)`);
    }
    if (!(SEVERITY_VALUES as readonly string[]).includes(level)) {
      throw new UsageError(`--rule ${id}: level must be one of ${SEVERITY_VALUES.join(', ')}, got "${level}"`);
    }
    out[id] = level as Severity | 'off';
  }
  return out;
}

/** GitHub code scanning rejects SARIF over 10 MB gzipped and keeps only part of a run over 25,000 results. */
function warnSarifLimits(size: { chars: number; gzipped: number }, result: LintResult, io: Io): void {
  for (const w of sarifLimitWarnings(result.findings.length, size)) io.stderr(`kubewire: warning: ${w}\n`);
}

/**
 * The pieces of a report, counted as they pass: characters, and the gzipped size of each 1 MB block
 * (gzip's window is 32 KB, so blocks compressed apart add only their headers to the size of the whole).
 */
function* measured(pieces: Iterable<string>, size: { chars: number; gzipped: number }): Generator<string> {
  let block = '';
  for (const p of pieces) {
    size.chars += p.length;
    block += p;
    if (block.length >= 1 << 20) {
      size.gzipped += gzipSync(block).length;
      block = '';
    }
    yield p;
  }
  if (block !== '') size.gzipped += gzipSync(block).length;
}
