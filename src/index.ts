/**
 * kubewire's library API. The CLI, the GitHub Action and the language server are thin front ends
 * over `lint()`.
 */
import { rules as builtinRules } from '../rules/index.js';
import { lintWith, type LintOptions } from './engine/lint.js';
import type { LintResult } from './engine/result.js';
import type { AnyRule } from './engine/rule.js';

export type KubewireLintOptions = Omit<LintOptions, 'rules'> & { rules?: readonly AnyRule[] };

/** Lints manifests (paths, stdin or pre-loaded files) with the built-in rules, or the rules given. */
export function lint(options: KubewireLintOptions = {}): Promise<LintResult> {
  return lintWith({ ...options, rules: options.rules ?? builtinRules });
}

export { builtinRules as rules };
export { lintWith, type LintOptions } from './engine/lint.js';
export { runRules, type RunOptions, type RuleSetting } from './engine/run.js';
export type { Finding, LintResult, LintSummary, RelatedLocation, Fix } from './engine/result.js';
export { defineRule, type AnyRule, type Rule, type RuleMeta, type RuleContext, type Settings, type Report, type Category } from './engine/rule.js';
export { loadConfig, parseConfig, findConfigFile, ConfigError, type KubewireConfig } from './config/load-config.js';
export { loadFiles, loadText, loadBytes } from './load/load.js';
export { ResourceIndex } from './index/resource-index.js';
export type { PodTemplateView, ContainerView, ContainerPortView } from './index/pod-templates.js';
export type { Resource, Range, Severity, ResourceRef } from './model/types.js';
export type { LoadedFile } from './model/resources.js';
export { format, FORMATS, formatCompact, formatGithub, formatJson, formatSarif, formatStylish, type FormatName } from './report/index.js';
