import * as core from '@actions/core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rules as builtinRules } from '../../rules/index.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { lintWith } from '../engine/lint.js';
import type { Finding, LintResult } from '../engine/result.js';
import { buildGraph } from '../graph/build.js';
import { ANNOTATIONS_PER_LEVEL, type AnnotationLevel } from '../report/github.js';
import { format, formatGithub, formatSarif, FORMATS } from '../report/index.js';
import { SARIF_MAX_RESULTS, sarifLimitWarnings } from '../report/sarif.js';
import { changesOf, pullRequestOf, SCOPES, touches, type PullRequest, type Scope } from './pull-request.js';
import { jobSummary, type PullRequestScope } from './summary.js';

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_PER_SEVERITY = ANNOTATIONS_PER_LEVEL;

const FAIL_ON = ['error', 'warning', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

class InputError extends Error {}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** The Actions toolkit's getBooleanInput (YAML 1.2 core schema booleans), with an input error naming the input instead of a TypeError. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
function bool(name: string, fallback: boolean): boolean {
  const v = core.getInput(name);
  if (v === '') return fallback;
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new InputError(`input ${name}: "${v}" is not a boolean: use true or false (also True, TRUE, False, FALSE)`);
}

/**
 * Workflow commands are recognised only at the start of a line: everything the Action prints ends
 * with a line break (a coloured stylish report ends with reset codes and none).
 */
function print(text: string): void {
  if (text === '') return;
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The Action's own annotations (input errors, warnings about the run) count against the runner's caps too. */
class Annotations {
  readonly used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  emit(level: 'error' | 'warning', message: string): void {
    if (this.used[level] < ANNOTATIONS_PER_LEVEL) {
      this.used[level]++;
      if (level === 'error') core.error(message);
      else core.warning(message);
    } else core.info(message);
  }
  left(): Record<AnnotationLevel, number> {
    return {
      error: ANNOTATIONS_PER_LEVEL - this.used.error,
      warning: ANNOTATIONS_PER_LEVEL - this.used.warning,
      notice: ANNOTATIONS_PER_LEVEL - this.used.notice,
    };
  }
}

/** The Action: lint, annotate, summarize, write SARIF, set outputs; returns the exit code. */
export async function runAction(): Promise<number> {
  try {
    return await lintAndReport();
  } catch (err) {
    if (err instanceof InputError || err instanceof ConfigError) {
      core.error(`kubewire: ${err.message}`);
      return 2;
    }
    core.error(`kubewire: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 2;
  }
}

async function lintAndReport(): Promise<number> {
  // Paths in annotations and SARIF are relative to the repository root, whatever the working directory.
  const root = path.resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  const workDir = path.resolve(root, core.getInput('working-directory') || '.');
  if (!existsSync(workDir)) throw new InputError(`input working-directory: ${core.getInput('working-directory')} does not exist`);
  const inputs = (core.getInput('paths') || '.').split(/\s+/).filter(Boolean);
  const paths = inputs.map((p) => path.relative(root, path.resolve(workDir, p)) || '.');
  const formatName = choice('format', [...FORMATS, 'none'] as const, 'stylish');
  const failOn = choice<FailOn>('fail-on', FAIL_ON, 'error');
  const annotations = bool('annotations', true);
  const summary = bool('summary', true);
  const prAnnotations = choice<Scope>('pull-request-annotations', SCOPES, 'changed-files');
  const prFailOn = choice<Scope>('pull-request-fail-on', SCOPES, 'all');
  const sarifInput = core.getInput('sarif-file');

  const config = loadConfig({ cwd: workDir, file: core.getInput('config') || undefined, rules: builtinRules });
  const result: LintResult = await lintWith({ paths, cwd: root, config, rules: builtinRules });
  const own = new Annotations();
  for (const e of result.errors) own.emit('error', `kubewire: ${e}`);
  const notes: string[] = [];

  // On a pull request: which findings it touched (annotated, and optionally the only ones failing the step).
  const pr = pullRequestOf(process.env);
  let annotated: (f: Finding) => boolean = () => true;
  let failing: (f: Finding) => boolean = () => true;
  let prScope: PullRequestScope | undefined;
  let failOnScope: string | undefined;
  if (pr && (prAnnotations !== 'all' || prFailOn !== 'all')) {
    const changes = changesOf(pr, root);
    if (changes === null) {
      const why =
        `could not read what ${prName(pr)} changed: the clone lacks its base and head commits ` +
        '(actions/checkout with fetch-depth: 0, or 2 for the merge commit and its parents); every finding is annotated and fails the step';
      own.emit('warning', `kubewire: ${why}`);
      notes.push(why);
    } else {
      core.info(`kubewire: ${prName(pr)} changed ${changes.files.size} file${changes.files.size === 1 ? '' : 's'} (${changes.how})`);
      annotated = (f) => touches(f, changes.files, prAnnotations);
      failing = (f) => touches(f, changes.files, prFailOn);
      if (prAnnotations !== 'all') {
        prScope = { touched: annotated, what: prAnnotations.replace('-', ' '), number: pr.number, ...(prFailOn !== 'all' ? { failing } : {}) };
      }
      if (prFailOn !== 'all') failOnScope = `only findings on the ${prFailOn.replace('-', ' ')} of ${prName(pr)}`;
    }
  }

  const { errors, warnings } = result.summary;
  const failFindings = failOnScope ? result.findings.filter(failing) : result.findings;
  const failErrors = failFindings.filter((f) => f.severity === 'error').length;
  const failWarnings = failFindings.filter((f) => f.severity === 'warning').length;
  const failed = result.errors.length > 0 || (failOn === 'error' && failErrors > 0) || (failOn === 'warning' && failErrors + failWarnings > 0);

  let sarifPath = '';
  let sarifReport: string | null = null;
  if (sarifInput) {
    sarifReport = formatSarif(result, { maxResults: SARIF_MAX_RESULTS });
    const kept = Math.min(result.findings.length, SARIF_MAX_RESULTS);
    for (const w of sarifLimitWarnings(result.findings.length, sarifReport, kept)) {
      own.emit('warning', `kubewire: ${w}`);
      notes.push(w);
    }
  }

  // The report for people reading the log (annotations below are for the Files changed view).
  if (formatName !== 'none' && formatName !== 'github') {
    const color = process.env.NO_COLOR === undefined || process.env.NO_COLOR === '';
    print(format(formatName, result, { color }));
  }
  if (annotations || formatName === 'github') {
    const shown = result.findings.filter(annotated);
    const elsewhere = result.findings.length - shown.length;
    print(
      formatGithub(
        { ...result, findings: shown },
        {
          limits: own.left(),
          moreAt: summary ? 'the job summary' : 'the step log',
          ...(elsewhere > 0 && pr && prScope ? { elsewhere: { count: elsewhere, where: `outside the ${prScope.what} of ${prName(pr)}` } } : {}),
        },
      ),
    );
  }

  if (sarifInput && sarifReport !== null) {
    const abs = path.resolve(workDir, sarifInput);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, sarifReport);
    const rel = path.relative(root, abs);
    sarifPath = rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
    core.info(`kubewire: SARIF written to ${sarifPath}`);
  }

  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    const graph = buildGraph(result);
    const md = jobSummary(result, {
      graph,
      blobBase: blobBase(pr),
      failOn,
      failed,
      ...(failOnScope ? { failOnScope } : {}),
      ...(prScope ? { pullRequest: prScope } : {}),
      notes,
    });
    await core.summary.addRaw(md).write();
  }

  core.setOutput('errors', String(errors));
  core.setOutput('warnings', String(warnings));
  core.setOutput('sarif-file', sarifPath);
  core.info(`kubewire: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (fail-on: ${failOn}${failOnScope ? `, ${failOnScope}` : ''})`);
  if (result.errors.length > 0) return 2;
  return failed ? 1 : 0;
}

function prName(pr: PullRequest): string {
  return pr.number === null ? 'the pull request' : `pull request #${pr.number}`;
}

/** `https://github.com/o/r/blob/<sha>/`: the pull request's head commit when there is one (the merge commit is not what people read). */
function blobBase(pr: PullRequest | null): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo } = process.env;
  const sha = pr?.head ?? process.env.GITHUB_SHA;
  return repo && sha ? `${server}/${repo}/blob/${sha}/` : undefined;
}

