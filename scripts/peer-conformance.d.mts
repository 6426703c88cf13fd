// Types of scripts/peer-conformance.mjs, for its unit test (test/peer-conformance.test.ts).
import type { Finding, LintOptions, LintResult } from '../src/index.js';
import type { AnyRule } from '../src/engine/rule.js';
import type { LoadedFile } from '../src/model/resources.js';
import type { Resource } from '../src/model/types.js';

export interface Mapping {
  rules: string[];
  kinds?: string[];
  messageIds?: Record<string, string[]>;
}
export interface PeerObject {
  apiVersion?: string;
  kind: string;
  namespace: string | null;
  name: string | null;
}
export interface Comparison {
  peer: 'kube-score' | 'kube-linter';
  check: string;
  test: string;
  fixture: string;
  object: string;
  expected: boolean;
  actual: boolean;
  uncertain?: boolean;
}
export type Run = (files: string[], opts: { rules: string[]; kubernetesVersion?: string }) => Promise<{ findings: Finding[]; objects: PeerObject[] }>;
export interface Listed {
  peerExpects: string;
  kubewire: string;
  reason: string;
}
export interface Summary {
  agree: number;
  total: number;
  percent: number;
  known: (Comparison & { reason: string })[];
  unlisted: Comparison[];
  stale: string[];
  uncertain: Comparison[];
  byCheck: Map<string, { agree: number; total: number }>;
}

export const KUBE_SCORE_MAP: Record<string, Mapping & { kinds: string[] }>;
export const KUBE_LINTER_MAP: Record<string, Mapping>;
export const NO_COUNTERPART: Record<string, string>;
export const KUBE_LINTER_OVERRIDES: Record<string, Record<string, boolean>>;
export function objectKey(o: PeerObject, withApiVersion?: boolean): string;
export function firedOn(findings: Finding[], o: PeerObject, mapping: Mapping): boolean;
export function compareKubeScoreCase(c: unknown, fixtureDir: string, run: Run): Promise<Comparison[] | null>;
export function kubeLinterExpectations(
  check: string,
  test: unknown,
): { uncertain: boolean; objects: (PeerObject & { key: string; expected: boolean })[] };
export function compareKubeLinterEntry(check: string, entry: unknown, test: unknown, corpusDir: string, run: Run): Promise<Comparison[] | null>;
export function parseDisagreements(markdown: string): Map<string, Listed>;
export function disagreementKey(r: { peer: string; check: string; fixture: string; object: string }): string;
export function summarize(results: Comparison[], listed: Map<string, Listed>): Summary;
export function formatReport(s: Summary): string;
export function conformance(sharedDir: string, run: Run): Promise<{ results: Comparison[]; unmapped: string[] }>;
export function builtRunner(root: string): Promise<Run>;
export function makeRunner(
  lintWith: (opts: LintOptions) => Promise<LintResult>,
  rules: readonly AnyRule[],
  resourcesOf: (file: LoadedFile, defaultNamespace: string) => Resource[],
): Run;
