/**
 * The CEL module (src/cel and @marcbachmann/cel-js), loaded only by runs that need it: CRD validation
 * rules (src/schema/cel-rules.ts) and admission policies (src/policy/cel.ts). `loadCel()` before the
 * rules run (lintWith, the schema service's prepare); else `celNow()` loads it synchronously on first
 * use from dist/src, for synchronous callers (runRules without prepare: the fixture harness, the
 * library API, the language server): require() of an ES module, Node >= 20.19.
 */
import { createRequire } from 'node:module';
import { distModule } from '../engine/package-info.js';

export type CelModule = typeof import('./index.js');

let cel: CelModule | null = null;

/** Loads the CEL module, once. */
export async function loadCel(): Promise<void> {
  cel ??= await import('./index.js');
}

/** The CEL module: loaded already, or now from dist/src; null when it cannot be loaded. */
export function celNow(): CelModule | null {
  if (!cel) {
    const url = distModule('src/cel/index.js');
    if (!url) return null;
    try {
      cel = createRequire(import.meta.url)(url.pathname) as CelModule;
    } catch {
      return null;
    }
  }
  return cel;
}
