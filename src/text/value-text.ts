import type { JsonValue } from '../model/types.js';

/**
 * A value from a manifest as text for a message or a key: a scalar as `String()` writes it (`80`, `http`,
 * `true`, `null`; `undefined` for a field that is absent), a mapping or a list as JSON (`{"name":"http"}`,
 * not `[object Object]`).
 */
export function valueText(v: JsonValue | undefined): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}
