/**
 * What policy evaluation needs from a CEL environment: compile once, evaluate many times, with a
 * bounded cost. src/policy/cel.ts adapts the project's CEL environment (src/cel/) to it.
 */
export type CelOutcome =
  /** A CEL value: ints as bigint, maps as objects or Maps. */
  | { ok: true; value: unknown }
  /** `absent`: the error is a missing field or key (the API server would often have defaulted it). */
  | { ok: false; error: string; absent: boolean };

export interface CelProgram {
  /** Evaluates with variables holding CEL values (`CelPort.value` of JSON, or earlier results). */
  evaluate(activation: Readonly<Record<string, unknown>>): CelOutcome;
}

export interface CelPort {
  /** Compiles an expression over the admission variables; a syntax error or an undeclared name is an error message. */
  compile(expression: string): { ok: true; program: CelProgram } | { ok: false; error: string };
  /** A JSON value as CEL sees it (ints as bigint), converted once per object. */
  value(json: unknown): unknown;
}

/** The variables of a ValidatingAdmissionPolicy expression (k8s.io/apiserver admission/plugin/cel). */
export const ADMISSION_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'variables'] as const;
