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
  policies: {
    type: 'array',
    description:
      'Policies evaluated on every object of the input, each a rule policy/<name> (README "Policies"): a file or folder (relative to this file) of ValidatingAdmissionPolicies and their bindings, or an inline repository policy in the same CEL vocabulary. --policy adds files.',
    items: {
      anyOf: [
        { type: 'string', minLength: 1 },
        {
          type: 'object',
          required: ['name', 'validations'],
          properties: {
            name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', description: 'The policy\'s name: its findings are rule policy/<name>.' },
            description: { type: 'string', description: 'What the policy asks for (kubewire rules, explain, SARIF).' },
            severity: { enum: ['error', 'warning', 'info'], description: 'Severity of its findings. Default: error.' },
            match: {
              type: 'object',
              description: 'The objects it applies to; all given conditions must hold. Default: every object.',
              properties: {
                kinds: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Kinds (Service, Deployment; * for any), in any API group unless apiGroups says.' },
                apiGroups: { type: 'array', items: { type: 'string' }, description: 'API groups ("" for the core group, * for any).' },
                namespaces: { type: 'array', items: { type: 'string' }, description: 'Namespaces of the objects (cluster-scoped objects never match).' },
                labelSelector: { type: 'object', description: 'A label selector (matchLabels, matchExpressions) on the object\'s labels.' },
              },
              additionalProperties: false,
            },
            matchConditions: {
              type: 'array',
              items: { type: 'object', required: ['name', 'expression'], properties: { name: { type: 'string' }, expression: { type: 'string' } }, additionalProperties: false },
              description: 'CEL conditions that must all be true for the policy to apply.',
            },
            variables: {
              type: 'array',
              items: { type: 'object', required: ['name', 'expression'], properties: { name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, expression: { type: 'string' } }, additionalProperties: false },
              description: 'Named CEL expressions, read as variables.<name> by later ones.',
            },
            validations: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['expression'],
                properties: {
                  expression: { type: 'string', description: 'A CEL expression over object, request, namespaceObject, variables: true when the object is fine.' },
                  message: { type: 'string' },
                  messageExpression: { type: 'string', description: 'A CEL expression giving the message (a string).' },
                  reason: { type: 'string' },
                  fieldPath: { type: 'string', description: 'The field the finding marks (spec.ports[0].name); default: the object\'s kind.' },
                },
                additionalProperties: false,
              },
            },
          },
          additionalProperties: false,
        },
      ],
    },
  },
  policyUser: {
    type: 'object',
    description: 'Who the offline CREATE request of policies is made by (request.userInfo). Default: username kubewire, groups [system:authenticated].',
    required: ['username'],
    properties: {
      username: { type: 'string', minLength: 1 },
      uid: { type: 'string' },
      groups: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: false,
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
        // Policies are rules too: policy/<name>, whether the policy is in the input, a policy file or inline.
        patternProperties: {
          '^policy/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$': { description: 'A policy\'s findings (README "Policies").', anyOf: [{ enum: [...SEVERITY_VALUES] }, { type: 'object', properties: { severity: { enum: [...SEVERITY_VALUES] } }, additionalProperties: false }] },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
