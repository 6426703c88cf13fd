import type { AnyRule, FileReport, FileRuleContext, Report, RuleContext } from '../engine/rule.js';
import type { LoadedFile } from '../model/resources.js';
import type { JsonObject } from '../model/types.js';

/**
 * Makes re-linting after a keystroke cheap without changing what the rules see. A check that never
 * looked at `ctx.index` judged its resource alone, so its reports are a
 * function of the parsed value, the settings and the options: they are replayed while the value is
 * the same object (files that did not change keep their parsed values). Checks that consulted the
 * index run every time, over the freshly built index. File-level checks see only their file and are
 * replayed while the file is the same object. `reset()` when settings or config change.
 */
export class IncrementalRules {
  /** Per rule: parsed value → basePointer → the reports of a check that never touched the index. */
  private local = new Map<string, WeakMap<JsonObject, Map<string, Report[]>>>();
  private fileReports = new Map<string, WeakMap<LoadedFile, FileReport[]>>();
  /** Per rule: checks tracked, and how many of them judged their resource alone. */
  private stats = new Map<string, { tracked: number; local: number }>();
  readonly rules: AnyRule[];

  constructor(rules: readonly AnyRule[]) {
    this.rules = rules.map((r) => this.wrap(r));
  }

  reset(): void {
    this.local = new Map();
    this.fileReports = new Map();
    this.stats = new Map();
  }

  /**
   * A rule that consulted the index on every one of many resources (a reference rule) is run
   * directly, without the tracking context: it would never be replayed, so tracking only costs.
   */
  private alwaysFresh(id: string): boolean {
    const s = this.stats.get(id);
    return s !== undefined && s.tracked >= 200 && s.local === 0;
  }

  private wrap(rule: AnyRule): AnyRule {
    const id = rule.meta.id;
    const wrapped: AnyRule = { meta: rule.meta };
    if (rule.check) {
      const check = rule.check.bind(rule);
      wrapped.check = (ctx: RuleContext) => {
        if (this.alwaysFresh(id)) return check(ctx);
        let byValue = this.local.get(id);
        if (!byValue) this.local.set(id, (byValue = new WeakMap()));
        const cached = byValue.get(ctx.resource.value)?.get(ctx.resource.source.basePointer);
        if (cached) {
          for (const r of cached) ctx.report(r);
          return;
        }
        let usedIndex = false;
        const reports: Report[] = [];
        const tracking: RuleContext = {
          resource: ctx.resource,
          options: ctx.options,
          settings: ctx.settings,
          get index() {
            usedIndex = true;
            return ctx.index;
          },
          schema: ctx.schema,
          report: (r: Report) => {
            reports.push(r);
            ctx.report(r);
          },
        };
        check(tracking);
        let stats = this.stats.get(id);
        if (!stats) this.stats.set(id, (stats = { tracked: 0, local: 0 }));
        stats.tracked++;
        // Related locations pointing at other objects mean the check looked beyond its resource.
        if (usedIndex || reports.some((r) => r.related?.some((x) => x.resource.source !== ctx.resource.source))) return;
        stats.local++;
        let byPointer = byValue.get(ctx.resource.value);
        if (!byPointer) byValue.set(ctx.resource.value, (byPointer = new Map<string, Report[]>()));
        byPointer.set(ctx.resource.source.basePointer, reports);
      };
    }
    if (rule.checkFile) {
      const checkFile = rule.checkFile.bind(rule);
      wrapped.checkFile = (ctx: FileRuleContext) => {
        let byFile = this.fileReports.get(id);
        if (!byFile) this.fileReports.set(id, (byFile = new WeakMap()));
        const cached = byFile.get(ctx.file);
        if (cached) {
          for (const r of cached) ctx.report(r);
          return;
        }
        const reports: FileReport[] = [];
        checkFile({ ...ctx, report: (r: FileReport) => (reports.push(r), ctx.report(r)) });
        byFile.set(ctx.file, reports);
      };
    }
    return wrapped;
  }
}
