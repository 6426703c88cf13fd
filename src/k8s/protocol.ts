import type { JsonValue } from '../model/types.js';

/**
 * The protocol of a Service port or a container port as the API server stores it: an absent or
 * empty `protocol` is TCP (SetDefaults_ServicePort / SetDefaults_ContainerPort in
 * pkg/apis/core/v1/defaults.go: `if obj.Protocol == "" { obj.Protocol = TCP }`). Any other value is
 * kept as written (validation rejects what is not TCP, UDP or SCTP). The one reading of the field
 * for every rule and view, so `protocol: ""` and an absent protocol always compare equal.
 *
 * NetworkPolicy ports differ: their protocol is a pointer defaulted only when absent
 * (SetDefaults_NetworkPolicyPort), so `protocol: ""` there is invalid, not TCP; see
 * {@link networkPolicyPortProtocol}.
 */
export function portProtocol(protocol: JsonValue | undefined): string {
  return typeof protocol === 'string' && protocol !== '' ? protocol : 'TCP';
}

/** A NetworkPolicy port's protocol: TCP when absent, otherwise as written ("" stays "" and is invalid). */
export function networkPolicyPortProtocol(protocol: JsonValue | undefined): string {
  return typeof protocol === 'string' ? protocol : 'TCP';
}
