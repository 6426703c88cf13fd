import { defineRule } from '../../src/engine/rule.js';
import { POD_MONITOR, SERVICE, SERVICE_MONITOR, WORKLOADS, isKind } from '../../src/model/group-kinds.js';
import { formatSelector } from '../../src/index/labels.js';
import { monitorNamespaces, monitorSelector, servicesSelectedBy } from '../../src/k8s/prometheus.js';
import { pointer } from '../../src/model/pointer.js';

export default defineRule({
  meta: {
    id: 'monitor-selects-nothing',
    title: 'ServiceMonitor or PodMonitor that selects nothing',
    description:
      'A Prometheus Operator ServiceMonitor whose selector matches the labels of no Service, or a PodMonitor whose selector matches no pods, in the namespace it selects in (its own, or the one namespaceSelector.matchNames lists). Prometheus gets no targets from it: the metrics silently stop.',
    severity: 'warning',
    category: 'wiring',
    appliesTo: [SERVICE_MONITOR, POD_MONITOR],
    references: [SERVICE, WORKLOADS],
    remediation:
      'Make the selector match the labels of the Service (metadata.labels, not its selector) or of the pods, or point namespaceSelector at the namespace they are in.',
    messages: {
      noServices: 'ServiceMonitor {name} selects no Service in namespace {namespace} (selector {selector})',
      noPods: 'PodMonitor {name} selects no pods in namespace {namespace} (selector {selector})',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const namespaces = monitorNamespaces(r);
    // Several namespaces, or all of them: the report could name no single namespace to judge.
    if (namespaces === 'any' || namespaces.length !== 1) return;
    const ns = namespaces[0];
    const selector = monitorSelector(r);
    if (!selector) return;
    const selectorText = formatSelector(selector) || '{}';
    const at = pointer('spec', 'selector');
    if (isKind(r, SERVICE_MONITOR)) {
      // Operator-made Services carry labels the input does not show.
      const services = ctx.index.inNamespace(SERVICE, ns);
      if (services.some((s) => s.producedBy)) return;
      if (servicesSelectedBy(ctx.index, ns, selector).length > 0) return;
      ctx.report({ messageId: 'noServices', data: { name: r.name, namespace: ns, selector: selectorText }, at, missing: { kinds: [SERVICE], namespace: ns } });
      return;
    }
    if (ctx.index.templatesSelectedBy(ns, selector).length > 0) return;
    if (!selector.matchExpressions?.length && ctx.index.unknownProducerOfPods(ns, selector.matchLabels ?? {})) return;
    ctx.report({ messageId: 'noPods', data: { name: r.name, namespace: ns, selector: selectorText }, at, missing: { kinds: [WORKLOADS], namespace: ns } });
  },
});
