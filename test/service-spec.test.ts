// Service spec and exposure rules: helpers and the cases a single-file fixture cannot express.
import { describe, expect, it } from 'vitest';
import type { AnyRule, Settings } from '../src/engine/rule.js';
import { runRules } from '../src/engine/run.js';
import { ipFamily, parseCidr } from '../src/k8s/cidr.js';
import { dns1123LabelProblem, dns1123SubdomainProblem, toDns1123Label } from '../src/k8s/names.js';
import {
  describeServicePort,
  describeServicePortEntry,
  describeServicePortTcp,
  internalLoadBalancerReason,
  loadBalancerSourceRanges,
  servicePortPointer,
  servicePorts,
  serviceType,
} from '../src/k8s/service.js';
import { pointer } from '../src/model/pointer.js';
import { loadText } from '../src/load/load.js';
import { resourcesOf } from '../src/model/resources.js';
import nodePortCollision from '../rules/service-node-port-collision/rule.js';
import { resolveSettings } from '../src/config/settings.js';

const settings: Settings = resolveSettings(null, process.cwd());

function service(yaml: string) {
  return resourcesOf(loadText(yaml, 'svc.yaml'), 'default')[0];
}

function run(rule: AnyRule, files: Record<string, string>) {
  return runRules({
    files: Object.entries(files).map(([name, text]) => loadText(text, name)),
    rules: [rule],
    settings,
    cwd: process.cwd(),
  }).findings;
}

const nodePortService = (name: string, ns: string, nodePort: number, protocol = 'TCP') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: NodePort
  selector: { app: ${name} }
  ports:
    - port: 80
      protocol: ${protocol}
      nodePort: ${nodePort}
`;

describe('CIDR parsing (ParseCIDRSloppy semantics)', () => {
  it('accepts IPv4 and IPv6 CIDRs, leading zeros included', () => {
    for (const c of ['10.0.0.0/8', '0.0.0.0/0', '010.001.0.0/16', '2001:db8::/32', '::/0', '::ffff:10.0.0.0/104']) {
      expect('cidr' in parseCidr(c), c).toBe(true);
    }
  });
  it('explains what is wrong and suggests a prefix for bare addresses', () => {
    expect(parseCidr('203.0.113.7')).toEqual({ problem: 'it is a single address without a /prefix', suggestion: '203.0.113.7/32' });
    expect(parseCidr('2001:db8::1')).toMatchObject({ suggestion: '2001:db8::1/128' });
    const problemOf = (c: string): string | null => {
      const r = parseCidr(c);
      return 'problem' in r ? r.problem : null;
    };
    expect(problemOf('10.0.0.0/33')).toContain('/33');
    expect(problemOf('fe80::1%eth0/64')).toContain('not an IPv4 or IPv6');
    expect(problemOf('256.0.0.0/8')).toContain('not an IPv4 or IPv6');
    expect(parseCidr('')).toEqual({ problem: 'it is empty' });
  });
  it('tells address families apart', () => {
    expect(ipFamily('10.0.0.5')).toBe(4);
    expect(ipFamily('2001:db8::10')).toBe(6);
    expect(ipFamily('db.example.com')).toBe(0);
  });
});

describe('DNS-1123 reasons', () => {
  it('labels', () => {
    expect(dns1123LabelProblem('http')).toBeNull();
    expect(dns1123LabelProblem('8443')).toBeNull();
    expect(dns1123LabelProblem('HTTP')).toBe('it must be lowercase');
    expect(dns1123LabelProblem('-grpc')).toContain('begin and end');
    expect(dns1123LabelProblem('a'.repeat(64))).toContain('64 characters');
    expect(toDns1123Label('HTTP_API')).toBe('http-api');
    expect(toDns1123Label('__')).toBeNull();
  });
  it('subdomains', () => {
    expect(dns1123SubdomainProblem('db.example.com')).toBeNull();
    expect(dns1123SubdomainProblem('https://db.example.com')).toContain('URL');
    expect(dns1123SubdomainProblem('db.example.com:5432')).toContain('port');
    expect(dns1123SubdomainProblem('a..b')).toContain('empty label');
    expect(dns1123SubdomainProblem('a_b.example.com')).toContain('only lowercase');
  });
});

describe('Service views', () => {
  it('defaults an empty type to ClusterIP', () => {
    expect(serviceType(service('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {type: ""}\n'))).toBe('ClusterIP');
  });
  it('reads source ranges from the field, else from the annotation', () => {
    const both = service(`apiVersion: v1
kind: Service
metadata:
  name: a
  annotations: { service.beta.kubernetes.io/load-balancer-source-ranges: "1.2.3.0/24, 5.6.7.0/24" }
spec:
  loadBalancerSourceRanges: [" 10.0.0.0/8 "]
`);
    expect(loadBalancerSourceRanges(both)).toMatchObject({ source: 'field', entries: [{ text: '10.0.0.0/8' }] });
    const ann = service(`apiVersion: v1
kind: Service
metadata:
  name: a
  annotations: { service.beta.kubernetes.io/load-balancer-source-ranges: "1.2.3.0/24, 5.6.7.0/24" }
`);
    expect(loadBalancerSourceRanges(ann)?.entries.map((e) => e.text)).toEqual(['1.2.3.0/24', '5.6.7.0/24']);
  });
  it('describes ports and points at their fields as before (now as flat strings)', () => {
    const svc = service(`apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  ports:
    - {name: http, port: 80}
    - {port: 53, protocol: UDP}
    - {name: metrics}
    - {}
`);
    const ports = servicePorts(svc);
    expect(ports.map(describeServicePortTcp)).toEqual(['port 80 (http)', 'port 53', 'ports[2] (metrics)', 'ports[3]']);
    expect(ports.map(describeServicePort)).toEqual(['port 80 (http)', 'port 53/UDP', 'ports[2] (metrics)', 'ports[3]']);
    expect(ports.map(describeServicePortEntry)).toEqual(['port 80 (http)', 'port 53/UDP', 'ports[2] (metrics)', 'ports[3]']);
    expect(ports.map((p) => p.at)).toEqual(['/spec/ports/0', '/spec/ports/1', '/spec/ports/2', '/spec/ports/3']);
    for (const p of ports) {
      for (const field of ['name', 'port', 'targetPort', 'nodePort'] as const) expect(servicePortPointer(p, field)).toBe(pointer('spec', 'ports', p.index, field));
    }
  });
  it('recognizes internal load balancers, and explicit public schemes', () => {
    const lb = (annotations: string, extra = '') =>
      service(`apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations: ${annotations}\nspec:\n  type: LoadBalancer\n${extra}`);
    expect(internalLoadBalancerReason(lb('{ networking.gke.io/load-balancer-type: Internal }'))).not.toBeNull();
    expect(internalLoadBalancerReason(lb('{ service.beta.kubernetes.io/aws-load-balancer-internal: "true" }'))).not.toBeNull();
    expect(internalLoadBalancerReason(lb('{ service.beta.kubernetes.io/aws-load-balancer-internal: "false" }'))).toBeNull();
    expect(internalLoadBalancerReason(lb('{ service.beta.kubernetes.io/azure-load-balancer-internal: "false" }'))).toBeNull();
    expect(internalLoadBalancerReason(lb('{}', '  loadBalancerClass: service.k8s.aws/nlb\n'))).not.toBeNull();
    expect(
      internalLoadBalancerReason(lb('{ service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing }', '  loadBalancerClass: service.k8s.aws/nlb\n')),
    ).toBeNull();
  });
});

describe('service-node-port-collision across files', () => {
  it('treats a base and its rendered copy in another file as one object', () => {
    const findings = run(nodePortCollision, {
      'base/web.yaml': nodePortService('web', 'shop', 30080),
      'rendered/all.yaml': nodePortService('web', 'shop', 30080),
    });
    expect(findings).toEqual([]);
  });
  it('reports both Services of a collision across files, namespaces and protocols, each naming the other', () => {
    const findings = run(nodePortCollision, {
      'a.yaml': nodePortService('web', 'shop', 30080),
      'b.yaml': nodePortService('syslog', 'ops', 30080, 'UDP'),
    });
    expect(findings.map((f) => `${f.file}:${f.line}`)).toEqual(['a.yaml:12', 'b.yaml:12']);
    expect(findings[0].related[0]).toMatchObject({ file: 'b.yaml', line: 12 });
    expect(findings[0].message).toContain('Service syslog (namespace ops)');
  });
  it('reports a rendered copy that collides with a third Service', () => {
    const findings = run(nodePortCollision, {
      'base/web.yaml': nodePortService('web', 'shop', 30080),
      'rendered/web.yaml': nodePortService('web', 'shop', 30080),
      'other.yaml': nodePortService('admin', 'shop', 30080),
    });
    expect(findings.map((f) => f.file).sort()).toEqual(['base/web.yaml', 'other.yaml', 'rendered/web.yaml']);
  });
});
