import * as core from '@actions/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rules as builtinRules } from '../../rules/index.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { lintWith } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';
import { buildGraph } from '../graph/build.js';
import { format, formatGithub, formatSarif, FORMATS } from '../report/index.js';
import { jobSummary } from './summary.js';

/** GitHub shows at most this many error and this many warning annotations per step. */
export const ANNOTATIONS_PER_SEVERITY = 10;

const FAIL_ON = ['error', 'warning', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

class InputError extends Error {}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

function bool(name: string, fallback: boolean): boolean {
  return core.getInput(name) === '' ? fallback : core.getBooleanInput(name);
}

/** `https://github.com/o/r/blob/<sha>/`: the pull request's head commit when there is one (the merge commit is not what people read). */
function blobBase(): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_EVENT_PATH: eventPath } = process.env;
  let sha = process.env.GITHUB_SHA;
  if (eventPath && existsSync(eventPath)) {
    try {
      const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { head?: { sha?: string } } };
      sha = event.pull_request?.head?.sha ?? sha;
    } catch {
      // not JSON: keep GITHUB_SHA
    }
  }
  return repo && sha ? `${server}/${repo}/blob/${sha}/` : undefined;
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
  const sarifInput = core.getInput('sarif-file');

  const config = loadConfig({ cwd: workDir, file: core.getInput('config') || undefined, rules: builtinRules });
  const result: LintResult = await lintWith({ paths, cwd: root, config, rules: builtinRules });
  for (const e of result.errors) core.error(`kubewire: ${e}`);

  const { errors, warnings } = result.summary;
  const failed = result.errors.length > 0 || (failOn === 'error' && errors > 0) || (failOn === 'warning' && errors + warnings > 0);

  // The report for people reading the log (annotations below are for the Files changed view).
  if (formatName !== 'none' && !(formatName === 'github' && annotations)) {
    const color = process.env.NO_COLOR === undefined || process.env.NO_COLOR === '';
    process.stdout.write(format(formatName, result, { color }));
  }
  if (annotations) {
    process.stdout.write(
      formatGithub(result, { maxPerSeverity: ANNOTATIONS_PER_SEVERITY, moreAt: summary ? 'the job summary' : 'the step log' }),
    );
  }

  let sarifPath = '';
  if (sarifInput) {
    const abs = path.resolve(workDir, sarifInput);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, formatSarif(result));
    const rel = path.relative(root, abs);
    sarifPath = rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
    core.info(`kubewire: SARIF written to ${sarifPath}`);
  }

  if (summary && process.env.GITHUB_STEP_SUMMARY) {
    const graph = buildGraph(result);
    await core.summary.addRaw(jobSummary(result, { graph, blobBase: blobBase(), failOn, failed })).write();
  }

  core.setOutput('errors', String(errors));
  core.setOutput('warnings', String(warnings));
  core.setOutput('sarif-file', sarifPath);
  core.info(`kubewire: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (fail-on: ${failOn})`);
  if (result.errors.length > 0) return 2;
  return failed ? 1 : 0;
}
