/** The namespace of objects without metadata.namespace, as kubectl apply -f places them. */
export const DEFAULT_NAMESPACE = 'default';
/**
 * The Kubernetes release kubewire targets by default: the newest one all of its data knows — the
 * embedded schemas (schemas/kubernetes/releases.json) and the API-version table.
 */
export const DEFAULT_KUBERNETES_VERSION = '1.35';
