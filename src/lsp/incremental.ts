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
  /** What each rule remembers; replaced on reset(), so every wrapped rule starts afresh. */
  private states = new Map<string, RuleState>();
  readonly rules: AnyRule[];
  /** Since beginRun(): checks replayed from their reports, and checks run. */
  readonly counts = { replayed: 0, run: 0 };

  constructor(rules: readonly AnyRule[]) {
    this.rules = rules.map((r) => this.wrap(r));
  }

  reset(): void {
    this.states = new Map();
  }

  /** A lint run starts: count its checks afresh. */
  beginRun(): void {
    this.counts.replayed = 0;
    this.counts.run = 0;
  }

  private state(id: string): RuleState {
    let s = this.states.get(id);
    if (!s) this.states.set(id, (s = { local: new WeakMap(), files: new WeakMap(), tracked: 0, judgedAlone: 0 }));
    return s;
  }

  private wrap(rule: AnyRule): AnyRule {
    const id = rule.meta.id;
    const wrapped: AnyRule = { meta: rule.meta };
    // The rule's state, looked up once per run of the wrapped check's owner (not per resource).
    let states: Map<string, RuleState> | null = null;
    let current!: RuleState;
    const stateNow = (): RuleState => {
      if (states !== this.states) {
        states = this.states;
        current = this.state(id);
      }
      return current;
    };
    if (rule.check) {
      const check = rule.check.bind(rule);
      wrapped.check = (ctx: RuleContext) => {
        const s = stateNow();
        // A rule that consulted the index on every one of many resources (a reference rule) is run
        // directly, without the tracking context: it would never be replayed, so tracking only costs.
        if (s.tracked >= 200 && s.judgedAlone === 0) {
          this.counts.run++;
          return check(ctx);
        }
        const value = ctx.resource.value;
        const pointer = ctx.resource.source.basePointer;
        const cached = s.local.get(value)?.get(pointer);
        if (cached) {
          this.counts.replayed++;
          for (const r of cached) ctx.report(r);
          return;
        }
        this.counts.run++;
        const tracking = new TrackingContext(ctx);
        check(tracking);
        const { usedIndex, reports } = tracking;
        s.tracked++;
        // Related locations pointing at other objects mean the check looked beyond its resource.
        if (usedIndex || reports.some((r) => r.related?.some((x) => x.resource.source !== ctx.resource.source))) return;
        s.judgedAlone++;
        let byPointer = s.local.get(value);
        if (!byPointer) s.local.set(value, (byPointer = new Map<string, Report[]>()));
        byPointer.set(pointer, reports);
      };
    }
    if (rule.checkFile) {
      const checkFile = rule.checkFile.bind(rule);
      wrapped.checkFile = (ctx: FileRuleContext) => {
        const s = stateNow();
        const cached = s.files.get(ctx.file);
        if (cached) {
          this.counts.replayed++;
          for (const r of cached) ctx.report(r);
          return;
        }
        this.counts.run++;
        const reports: FileReport[] = [];
        checkFile({ ...ctx, report: (r: FileReport) => (reports.push(r), ctx.report(r)) });
        s.files.set(ctx.file, reports);
      };
    }
    return wrapped;
  }
}

interface RuleState {
  /** Parsed value → basePointer → the reports of a check that never touched the index. */
  local: WeakMap<JsonObject, Map<string, Report[]>>;
  /** File → the reports of the rule's file-level check. */
  files: WeakMap<LoadedFile, FileReport[]>;
  /** Checks tracked, and how many of them judged their resource alone. */
  tracked: number;
  judgedAlone: number;
}

/** The context a tracked check sees: the run's context, noting whether the check read the index. */
class TrackingContext implements RuleContext {
  usedIndex = false;
  readonly reports: Report[] = [];
  readonly resource: RuleContext['resource'];
  readonly options: RuleContext['options'];
  readonly settings: RuleContext['settings'];
  readonly schema: RuleContext['schema'];

  constructor(private readonly ctx: RuleContext) {
    this.resource = ctx.resource;
    this.options = ctx.options;
    this.settings = ctx.settings;
    this.schema = ctx.schema;
  }

  get index(): RuleContext['index'] {
    this.usedIndex = true;
    return this.ctx.index;
  }

  /** A closure, as RuleContext asks: rules pass `ctx.report` on to helpers. */
  readonly report = (r: Report): void => {
    this.reports.push(r);
    this.ctx.report(r);
  };
}
