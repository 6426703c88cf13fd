/** The namespace of objects without metadata.namespace, as kubectl apply -f places them. */
export const DEFAULT_NAMESPACE = 'default';
/** The Kubernetes release kubewire targets by default: the newest one its version data knows. */
export const DEFAULT_KUBERNETES_VERSION = '1.34';
