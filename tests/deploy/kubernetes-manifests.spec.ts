import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Service } from 'kubernetes-models/v1/Service';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parseAllDocuments } from 'yaml';
import { API_PREFIX } from '../../apps/api/src/create-app.js';
import { HealthController } from '../../apps/api/src/modules/health/health.controller.js';

/**
 * docker/kubernetes is checked without a cluster: every object is validated against the
 * Kubernetes API's own schema (kubernetes-models, generated from the OpenAPI definitions), then
 * against what Haven needs of it. Nothing here proves the manifests on a running cluster.
 */
const folder = path.resolve('docker/kubernetes');

type Model = { validate(): void };
type ManifestObject = { apiVersion?: string; kind?: string; metadata?: { name?: string } };

/** The kinds the folder may hold, each with the model that validates it. */
const models: Record<string, new (data: never) => Model> = {
  'apps/v1 Deployment': Deployment,
  'batch/v1 Job': Job,
  'v1 Service': Service,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
};

function readManifests(): { file: string; object: ManifestObject }[] {
  const files = readdirSync(folder).filter((file) => /\.ya?ml$/.test(file));
  return files.flatMap((file) => {
    const documents = parseAllDocuments(readFileSync(path.join(folder, file), 'utf8'));
    if (!Array.isArray(documents)) throw new Error(`${file}: not a YAML stream`);
    return documents.map((document) => {
      if (document.errors.length) throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
      return { file, object: document.toJS() as ManifestObject };
    });
  });
}

function validate(object: ManifestObject): void {
  const Model = models[`${object.apiVersion} ${object.kind}`];
  if (!Model) throw new Error(`${object.apiVersion} ${object.kind} is not a kind this folder should hold`);
  new Model(object as never).validate();
}

const manifests = readManifests();
const only = <T>(kind: string): T => {
  const found = manifests.filter(({ object }) => object.kind === kind);
  expect(found).toHaveLength(1);
  return found[0].object as T;
};
const deployment = only<Deployment>('Deployment');
const job = only<Job>('Job');
const podSpecs: [string, IPodSpec][] = [
  ['Deployment', deployment.spec!.template.spec!],
  ['Job', job.spec!.template.spec!],
];
const containers = (spec: IPodSpec): IContainer[] => [...spec.containers, ...(spec.initContainers ?? [])];
const podLabels = (labels: Record<string, string> | undefined) => labels ?? {};

/** Whether a label selector (matchLabels and matchExpressions) selects pods with these labels. */
function selects(
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  },
  labels: Record<string, string>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return values.includes(labels[key]);
      case 'NotIn':
        return !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        throw new Error(`Unknown selector operator ${operator}`);
    }
  });
  return byLabel && byExpression;
}

describe('Kubernetes manifests (docker/kubernetes), validated by schema without a cluster', () => {
  it('holds the API Deployment, its Service and disruption budget, the migration Job and the database NetworkPolicy', () => {
    expect(manifests.map(({ object }) => object.kind).sort()).toEqual([
      'Deployment',
      'Job',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
    ]);
  });

  it.each(manifests.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata?.name}`, object] as const))(
    '%s is valid against the Kubernetes schema',
    (_name, object) => {
      expect(() => validate(object)).not.toThrow();
    },
  );

  it('the schema check rejects a mistaken manifest (so the check above can fail)', () => {
    const wrong = structuredClone(deployment) as unknown as { spec: { replicas: unknown } };
    wrong.spec.replicas = 'two';
    expect(() => validate(wrong as ManifestObject)).toThrow();
    const noContainers = structuredClone(job) as unknown as { spec: { template: { spec: { containers?: unknown } } } };
    delete noContainers.spec.template.spec.containers;
    expect(() => validate(noContainers as ManifestObject)).toThrow();
    expect(() => validate({ apiVersion: 'v1', kind: 'Secret' })).toThrow(/not a kind/);
  });

  it('runs two or more API replicas, replaced one at a time', () => {
    expect(deployment.spec!.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec!.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
  });

  it("probes the API's real health routes: ready for traffic, live for restarts", () => {
    const health = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
    const route = (method: (...args: never[]) => unknown) =>
      `/${API_PREFIX}/${health}/${Reflect.getMetadata(PATH_METADATA, method) as string}`;
    const ready = route(HealthController.prototype.ready);
    const live = route(HealthController.prototype.live);
    expect([ready, live]).toEqual(['/api/health/ready', '/api/health/live']);

    const [api] = deployment.spec!.template.spec!.containers;
    const port = api.ports!.find((p) => p.name === 'http')!;
    expect(port.containerPort).toBe(3000); // the image's PORT (docker/Dockerfile)
    expect(readFileSync('docker/Dockerfile', 'utf8')).toMatch(/PORT=3000/);
    expect(api.readinessProbe?.httpGet).toMatchObject({ path: ready, port: 'http' });
    expect(api.livenessProbe?.httpGet).toMatchObject({ path: live, port: 'http' });
    expect(api.startupProbe?.httpGet).toMatchObject({ path: live, port: 'http' });
  });

  it('sets requests and limits and runs as the image’s non-root user on a read-only filesystem', () => {
    expect(readFileSync('docker/Dockerfile', 'utf8')).toMatch(/^USER node$/m); // uid 1000 in the node images
    for (const [kind, spec] of podSpecs) {
      expect([kind, spec.securityContext]).toEqual([
        kind,
        expect.objectContaining({ runAsNonRoot: true, runAsUser: 1000 }),
      ]);
      for (const container of containers(spec)) {
        expect([kind, container.securityContext]).toEqual([
          kind,
          expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }),
        ]);
        expect(container.resources?.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
        expect(container.resources?.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      }
    }
  });

  it('takes every secret from the cluster’s secret store by reference, never by value', () => {
    const secretLike = /KEY|URL|PASSWORD|SECRET|TOKEN/;
    for (const [kind, spec] of podSpecs) {
      for (const container of containers(spec)) {
        for (const variable of container.env ?? []) {
          if (!secretLike.test(variable.name) || variable.name === 'HAVEN_PUBLIC_URL') continue;
          expect([kind, variable.name, variable.value]).toEqual([kind, variable.name, undefined]);
          expect([kind, variable.name, variable.valueFrom?.secretKeyRef?.name]).toEqual([kind, variable.name, 'haven']);
        }
        expect(container.envFrom ?? []).toEqual([]);
      }
    }
    const names = (spec: IPodSpec) =>
      containers(spec).flatMap((c) => (c.env ?? []).filter((v) => v.valueFrom?.secretKeyRef).map((v) => v.name));
    const required = ['HAVEN_MASTER_KEY', 'DATABASE_URL', 'DATABASE_OWNER_URL'];
    expect(names(deployment.spec!.template.spec!)).toEqual(expect.arrayContaining(required));
    expect(names(job.spec!.template.spec!)).toEqual(expect.arrayContaining(required));
    // No Secret object (and so no secret value) is kept in the repository.
    expect(manifests.some(({ object }) => object.kind === 'Secret')).toBe(false);
  });

  it('keeps one replica through voluntary disruptions, and the Service reaches the API pods', () => {
    const labels = podLabels(deployment.spec!.template.metadata?.labels);
    const budget = only<PodDisruptionBudget>('PodDisruptionBudget');
    expect(budget.spec!.minAvailable).toBe(1);
    expect(selects(budget.spec!.selector!, labels)).toBe(true);
    const service = only<Service>('Service');
    expect(selects({ matchLabels: service.spec!.selector }, labels)).toBe(true);
    expect(service.spec!.ports![0].targetPort).toBe('http');
  });

  it('runs the migration once per release through the image’s migrate-only entry point', () => {
    expect(job.spec!.backoffLimit).toBe(0);
    expect(job.spec!.template.spec!.restartPolicy).toBe('Never');
    const [migrate] = job.spec!.template.spec!.containers;
    expect(migrate.command).toEqual(['node', 'apps/api/dist/cli/migrate.js']);
    expect(migrate.image).toBe(deployment.spec!.template.spec!.containers[0].image);
    expect(existsSync('apps/api/src/cli/migrate.ts')).toBe(true);
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['db:migrate']).toContain('apps/api/dist/cli/migrate.js');
  });

  it("lets only the API's pods (and its migration) reach the database port", () => {
    const policy = only<NetworkPolicy>('NetworkPolicy');
    const database = podLabels(policy.spec!.podSelector?.matchLabels);
    expect(policy.spec!.policyTypes).toEqual(['Ingress']);
    const api = podLabels(deployment.spec!.template.metadata?.labels);
    const migration = podLabels(job.spec!.template.metadata?.labels);
    const stranger = { 'app.kubernetes.io/name': 'haven', 'app.kubernetes.io/component': 'web-debug' };
    const rules = policy.spec!.ingress!;
    for (const rule of rules) {
      expect(rule.ports).toEqual([{ protocol: 'TCP', port: 5432 }]);
      for (const peer of rule.from!) {
        // Only pods of this namespace, chosen by label: no address block, no other namespace.
        expect(Object.keys(peer)).toEqual(['podSelector']);
        expect(peer.podSelector!.matchLabels ?? peer.podSelector!.matchExpressions).toBeTruthy();
      }
    }
    const admitted = (labels: Record<string, string>) =>
      rules.some((rule) => rule.from!.some((peer) => selects(peer.podSelector!, labels)));
    expect(admitted(api)).toBe(true);
    expect(admitted(migration)).toBe(true);
    expect(admitted(database)).toBe(true); // a standby streaming from the primary
    expect(admitted(stranger)).toBe(false);
    expect(admitted({})).toBe(false);
  });
});
