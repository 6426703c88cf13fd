import type { AnyRule } from '../engine/rule.js';

export const SEVERITY_VALUES = ['off', 'error', 'warning', 'info'] as const;

/**
 * Top-level settings of `.kubewire.yaml` besides `rules`. Rule families that need settings of their
 * own (schema locations, say) add them here, so the config schema stays one generated file.
 */
const CONFIG_PROPERTIES: Record<string, object> = {
  $schema: { type: 'string', description: 'JSON schema of this file, for editors.' },
  namespace: {
    type: 'string',
    pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    maxLength: 63,
    description: 'Namespace of objects without metadata.namespace (like kubectl apply -f). Default: default.',
  },
  kubernetesVersion: {
    type: 'string',
    pattern: '^1\\.[0-9]+$',
    description: 'Target Kubernetes version (X.Y) for schema and API-version rules.',
  },
  completeness: {
    enum: ['auto', 'complete'],
    description:
      'auto: a missing object is judged where the input holds objects of its kind in that namespace (or one of that name elsewhere; anywhere, for cluster-wide lookups); complete: the input is the whole application, judge every reference.',
  },
  ignorePaths: {
    type: 'array',
    items: { type: 'string' },
    description: 'gitignore-style patterns, relative to this file, of paths not to lint.',
  },
  schemaLocations: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description:
      'JSON schemas for kinds the embedded Kubernetes schemas lack (CRDs), tried in order: a folder, file or https:// URL template in kubeconform\'s -schema-location convention ({{.ResourceKind}}, {{.ResourceAPIVersion}}, {{.Group}}, {{.KindSuffix}}, {{.NormalizedKubernetesVersion}}, {{.StrictSuffix}}); "default" is yannh/kubernetes-json-schema. --schema-location replaces this list.',
  },
  gatewayApiChannel: {
    enum: ['standard', 'experimental'],
    description:
      'The Gateway API release channel (v1.6.1) whose embedded CRDs validate Gateway API objects: standard (default, what most clusters install) or experimental (more kinds and fields).',
  },
  crds: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description:
      'CustomResourceDefinition files (relative to this file) or https:// URLs: their custom resources are validated like built-in kinds (CRDs in the linted input count without this). --crd adds to this list.',
  },
  cacheDir: {
    type: 'string',
    description: 'Folder for downloaded schemas. Default: $XDG_CACHE_HOME/kubewire/schemas, else ~/.cache/kubewire/schemas.',
  },
  render: {
    type: 'object',
    description:
      'Helm charts and Kustomize roots of the input are rendered with the real tools when they are found (README: "Helm charts and Kustomize").',
    properties: {
      enabled: { type: 'boolean', description: 'false: lint charts and roots without their tools, as plain files (like --no-render). Default: true.' },
      kustomize: {
        type: 'string',
        minLength: 1,
        description: 'The command that builds a Kustomize root; kubewire appends the root folder. Default: "kustomize build" when kustomize is on PATH, else "kubectl kustomize".',
      },
      helm: {
        type: 'string',
        minLength: 1,
        description: 'The command that renders a chart; kubewire appends the release name, the chart folder and its flags. Default: "helm template" when helm is on PATH.',
      },
      timeoutSeconds: { type: 'number', exclusiveMinimum: 0, description: 'Time bound per chart and per root. Default: 60.' },
      charts: {
        type: 'object',
        description: 'Per chart folder (relative to this file): how to render it.',
        additionalProperties: {
          type: 'object',
          properties: {
            releaseName: { type: 'string', minLength: 1, description: 'Release name. Default: the chart\'s name.' },
            namespace: { type: 'string', minLength: 1, description: 'Release namespace. Default: the run\'s namespace.' },
            values: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Values files (helm -f), relative to the chart folder, in order.' },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
};

/** The JSON schema of `.kubewire.yaml`: every rule id with its severity and, where the rule has them, options. */
export function buildConfigSchema(rules: readonly AnyRule[]): object {
  const ruleProps: Record<string, object> = {};
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const severity = { enum: [...SEVERITY_VALUES] };
    const long: Record<string, unknown> = {
      type: 'object',
      properties: { severity, ...(r.meta.options ? { options: r.meta.options.schema } : {}) },
      additionalProperties: false,
    };
    ruleProps[r.meta.id] = { description: r.meta.title, anyOf: [severity, long] };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kubewire/kubewire/blob/main/schemas/config.schema.json',
    title: 'kubewire configuration (.kubewire.yaml)',
    type: 'object',
    properties: {
      ...CONFIG_PROPERTIES,
      rules: {
        type: 'object',
        description: 'Rule id → off | error | warning | info, or { severity, options }.',
        properties: ruleProps,
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
