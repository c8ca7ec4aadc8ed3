import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig, ServiceConfig } from '@dvc/config';
import { IntakeConfig } from '../../apps/intake/src';
import { PaymentConfig } from '../../apps/payment/src';
import { PostalDeliveryConfig } from '../../apps/postal-delivery/src';
import { ProcessingConfig } from '../../apps/processing/src';
import { SERVICE_SCHEMAS } from '../../tools/db-bootstrap';
import { PLATFORM_SERVICES } from '../../tools/platform';
import { repoRoot } from '../../tools/repo-root';

/**
 * What an operator relies on in infra/k8s, checked on the parsed YAML (no cluster needed): every
 * service deployed with replicas, probes, resources, its image and its configuration; no password
 * written into a manifest; the schema migrated (Job, then each pod's init container) before a pod
 * serves; disruption budgets and Services that select the serving pods only.
 */

type Obj = Record<string, any>;
type Service = (typeof PLATFORM_SERVICES)[number]['name'];

const K8S = join(repoRoot(), 'infra', 'k8s');
/** Config variables that hold a secret, by name. */
const SECRET_VARIABLE = /SECRET|PASSWORD|_KEYS?$|TOKEN/;
const SERVICES = PLATFORM_SERVICES.map((s) => s.name);
const CONFIG_CLASSES: Record<Service, new () => ServiceConfig> = {
  intake: IntakeConfig,
  processing: ProcessingConfig,
  payment: PaymentConfig,
  'postal-delivery': PostalDeliveryConfig,
};

function documents(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.flatMap((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    const value = d.toJS() as Obj | null;
    return value ? [value] : [];
  });
}

const kustomization = documents(join(K8S, 'kustomization.yaml'))[0];
const resources: Obj[] = (kustomization.resources as string[]).flatMap((f) => documents(join(K8S, f)));
const secrets: Obj[] = documents(join(K8S, 'secret.example.yaml'));
const hpaComponent = documents(join(K8S, 'hpa', 'kustomization.yaml'))[0];
const hpas: Obj[] = (hpaComponent.resources as string[]).flatMap((f) => documents(join(K8S, 'hpa', f)));

const find = (kind: string, name: string): Obj => {
  const found = resources.filter((r) => r.kind === kind && r.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
};
const configMap = find('ConfigMap', 'dvc-config').data as Record<string, string>;
const secretOf = (service: Service) =>
  secrets.find((s) => s.metadata.name === `${service}-secrets`)?.stringData as Record<string, string>;
const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);
const podsOf = (kind: string) =>
  resources
    .filter((r) => r.kind === kind)
    .map((r) => ({
      name: r.metadata.name as string,
      labels: r.spec.template.metadata.labels as Record<string, string>,
    }));

/** The environment a container gets: envFrom (ConfigMap, Secret), then env with $(VAR) expanded, as the kubelet does. */
function containerEnv(container: Obj, service: Service): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) {
      expect(from.configMapRef.name).toBe('dvc-config');
      Object.assign(env, configMap);
    }
    if (from.secretRef) {
      expect(from.secretRef.name).toBe(`${service}-secrets`);
      Object.assign(env, secretOf(service));
    }
  }
  for (const e of container.env ?? []) {
    expect(typeof e.value).toBe('string');
    env[e.name] = (e.value as string).replace(/\$\(([A-Z0-9_]+)\)/g, (_, name: string) => {
      if (!(name in env)) throw new Error(`${service}: $(${name}) is defined by neither the ConfigMap nor the Secret`);
      return env[name];
    });
  }
  return env;
}

/** Literal env values that would put a secret into a committed manifest. */
function literalSecrets(container: Obj): string[] {
  return (container.env ?? []).flatMap((e: Obj) => {
    const value = String(e.value ?? '');
    const credentials = /:\/\/([^@/]+)@/.exec(value)?.[1];
    const credentialsLiteral = credentials !== undefined && !/^\$\([A-Z0-9_]+\):\$\([A-Z0-9_]+\)$/.test(credentials);
    const secretName = (SECRET_VARIABLE.test(e.name) || /HMAC/.test(e.name)) && e.value !== undefined;
    return credentialsLiteral || secretName ? [e.name as string] : [];
  });
}

describe('infra/k8s: the kustomization', () => {
  it('lists every manifest in the folder, and never the example Secret', () => {
    const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'secret.example.yaml').sort());
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(resources.filter((r) => r.kind === 'Secret')).toEqual([]);
    expect(kustomization.namespace).toBe('dvc');
    for (const r of resources)
      expect(r).toMatchObject({
        apiVersion: expect.any(String),
        kind: expect.any(String),
        metadata: { name: expect.any(String) },
      });
  });

  it('names one image per service, with a tag, built from the one Dockerfile', () => {
    expect(kustomization.images.map((i: Obj) => i.name).sort()).toEqual(SERVICES.map((s) => `dvc/${s}`).sort());
    for (const i of kustomization.images) expect(i.newTag).toMatch(/\S/);
    expect(existsSync(join(repoRoot(), 'infra', 'docker', 'Dockerfile'))).toBe(true);
  });

  it('the example Secret is marked as such, holds placeholders only and uses the roles of init.sql', () => {
    const text = readFileSync(join(K8S, 'secret.example.yaml'), 'utf8');
    expect(text).toMatch(/EXAMPLE ONLY/);
    expect(text).toMatch(/NOT listed in\s+# kustomization\.yaml/);
    const roles: Record<Service, string> = {
      intake: 'dvc_intake',
      processing: 'dvc_processing',
      payment: 'dvc_payment',
      'postal-delivery': 'dvc_postal',
    };
    for (const service of SERVICES) {
      const data = secretOf(service);
      expect(Object.keys(data)).toEqual(
        expect.arrayContaining(['AMQP_PASSWORD', 'AMQP_USER', 'DB_PASSWORD', 'DB_USER']),
      );
      expect(data.DB_USER).toBe(roles[service]);
      expect(data.DB_USER).toBe(SERVICE_SCHEMAS[service].role);
      for (const key of ['DB_PASSWORD', 'AMQP_PASSWORD']) expect(data[key]).toMatch(/^CHANGE-ME-/);
    }
  });

  it("every secret a service's config declares is set by its Secret (placeholders here), never left at the local default", () => {
    for (const service of SERVICES) {
      const declared = Object.keys(new CONFIG_CLASSES[service]()).filter((k) => SECRET_VARIABLE.test(k));
      expect(declared).toContain('OFFICER_JWT_SECRET');
      const data = secretOf(service);
      for (const key of declared) {
        expect({ service, key, set: key in data }).toEqual({ service, key, set: true });
        expect(data[key]).toContain('CHANGE-ME-');
        expect(configMap[key]).toBeUndefined();
      }
    }
  });
});

describe.each(SERVICES)('infra/k8s: %s', (service) => {
  const deployment = find('Deployment', service);
  const pod = deployment.spec.template.spec;
  const app = pod.containers.find((c: Obj) => c.name === service);
  const port = (name: string) => app.ports.find((p: Obj) => p.name === name)?.containerPort;

  it('runs at least two replicas of its image, rolling without losing capacity', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    expect(pod.containers).toHaveLength(1);
    expect(app.image).toBe(`dvc/${service}`);
  });

  it('is ready on /health/ready and live on /health/live, at the port the service listens on', () => {
    expect(app.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(app.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(port('http')).toBe(Number(containerEnv(app, service).PORT));
  });

  it('asks for CPU and memory and caps memory', () => {
    for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
      expect(c.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
      expect(c.resources.limits.memory).toBeDefined();
    }
  });

  it('takes its settings from the ConfigMap and its Secret, and no password is written in the manifest', () => {
    expect(app.envFrom).toEqual([
      { configMapRef: { name: 'dvc-config' } },
      { secretRef: { name: `${service}-secrets` } },
    ]);
    for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) expect(literalSecrets(c)).toEqual([]);
    const env = containerEnv(app, service);
    expect(env.DATABASE_URL).toBe(
      `postgres://${SERVICE_SCHEMAS[service].role}:${secretOf(service).DB_PASSWORD}@${configMap.DB_HOST}:${configMap.DB_PORT}/${configMap.DB_NAME}`,
    );
    expect(env.AMQP_URL).toBe(
      `amqp://${secretOf(service).AMQP_USER}:${secretOf(service).AMQP_PASSWORD}@${configMap.AMQP_HOST}:${configMap.AMQP_PORT}`,
    );
  });

  it('the environment it gets boots its config class (every value valid), serving without migrating', () => {
    let config: ServiceConfig | undefined;
    try {
      config = loadConfig(CONFIG_CLASSES[service], containerEnv(app, service));
    } catch (err) {
      throw new Error(err instanceof ConfigError ? err.problems.join('\n') : String(err));
    }
    expect(config).toMatchObject({
      MIGRATE_ONLY: false,
      MIGRATIONS_RUN_ON_START: false,
      PORT: port('http'),
      BUS_NAMESPACE: '',
    });
  });

  it('migrates its schema in an init container (MIGRATE_ONLY, same image) before the service container starts', () => {
    expect(pod.initContainers.map((c: Obj) => c.name)).toEqual(['migrate']);
    const init = pod.initContainers[0];
    expect(init.image).toBe(app.image);
    const config = loadConfig(CONFIG_CLASSES[service], containerEnv(init, service));
    expect(config.MIGRATE_ONLY).toBe(true);
    expect(config.DATABASE_URL).toBe(containerEnv(app, service).DATABASE_URL);
    // No broker for a migration: no AMQP_URL is composed for it.
    expect(containerEnv(init, service).AMQP_URL).toBeUndefined();
  });

  it('has a migration Job: its image in MIGRATE_ONLY mode, its own role, applied in the first step of a release', () => {
    const job = find('Job', `migrate-${service}`);
    const spec = job.spec.template.spec;
    expect(job.metadata.labels).toMatchObject({
      'app.kubernetes.io/component': 'migration',
      'dvc.release/step': 'migrate',
    });
    expect(spec.restartPolicy).toMatch(/^(Never|OnFailure)$/);
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(0);
    expect(spec.containers).toHaveLength(1);
    const c = spec.containers[0];
    expect(c.image).toBe(`dvc/${service}`);
    expect(literalSecrets(c)).toEqual([]);
    const env = containerEnv(c, service);
    const config = loadConfig(CONFIG_CLASSES[service], env);
    expect(config.MIGRATE_ONLY).toBe(true);
    expect(config.DATABASE_URL).toBe(containerEnv(app, service).DATABASE_URL);
    expect(env.AMQP_URL).toBeUndefined();
    expect(c.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    // Migration pods are never behind the Service nor counted by the disruption budget.
    expect(selects(find('Service', service).spec.selector, job.spec.template.metadata.labels)).toBe(false);
    expect(
      selects(find('PodDisruptionBudget', service).spec.selector.matchLabels, job.spec.template.metadata.labels),
    ).toBe(false);
  });

  it('has a Service on its named HTTP port that selects its serving pods only', () => {
    const svc = find('Service', service);
    expect(svc.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([expect.objectContaining({ targetPort: 'http' })]);
    const selected = [...podsOf('Deployment'), ...podsOf('Job')]
      .filter((p) => selects(svc.spec.selector, p.labels))
      .map((p) => p.name);
    expect(selected).toEqual([service]);
  });

  it('has a PodDisruptionBudget that lets a drain proceed one pod at a time', () => {
    const pdb = find('PodDisruptionBudget', service);
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    const allowed = pdb.spec.maxUnavailable ?? deployment.spec.replicas - pdb.spec.minAvailable;
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(allowed).toBeLessThan(deployment.spec.replicas);
  });

  it('stops gracefully: the grace period covers preStop, SHUTDOWN_GRACE_MS and the forced-exit margin', () => {
    const preStop = Number(app.lifecycle.preStop.exec.command[1]);
    const graceMs = loadConfig(CONFIG_CLASSES[service], containerEnv(app, service)).SHUTDOWN_GRACE_MS;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + graceMs / 1000 + 5);
  });
});

describe('infra/k8s: shared settings', () => {
  it('every ConfigMap key is a variable a service reads, or a part the manifests compose into a URL', () => {
    const variables = new Set(Object.values(CONFIG_CLASSES).flatMap((cls) => Object.keys(new cls())));
    const referenced = new Set(
      resources.flatMap((r) => [...JSON.stringify(r).matchAll(/\$\(([A-Z0-9_]+)\)/g)].map((m) => m[1])),
    );
    const stray = Object.keys(configMap).filter((k) => !variables.has(k) && !referenced.has(k));
    expect(stray).toEqual([]);
  });

  it('the bus settings match the broker definitions (infra/rabbitmq/definitions.json is generated from the defaults)', () => {
    const defaults = new (class extends ServiceConfig {})();
    expect(configMap.BUS_RETRY_DELAYS_MS.split(',').map(Number)).toEqual(defaults.BUS_RETRY_DELAYS_MS);
    expect(Number(configMap.BUS_DELIVERY_LIMIT)).toBe(defaults.BUS_DELIVERY_LIMIT);
  });

  it("routes the portals' beacons to intake replicas of their own, so a storm cannot take the submissions' CPU", () => {
    const stats = find('Deployment', 'intake-site-stats');
    const api = find('Deployment', 'intake');
    const c = stats.spec.template.spec.containers[0];
    expect(c.image).toBe(api.spec.template.spec.containers[0].image);
    expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(c.resources.limits.cpu).toBeDefined();
    expect(find('Service', 'intake').spec.selector).not.toEqual(find('Service', 'intake-site-stats').spec.selector);
    const paths = find('Ingress', 'intake').spec.rules[0].http.paths.map((p: Obj) => [p.path, p.backend.service.name]);
    expect(paths).toEqual([
      ['/v1/site-stats', 'intake-site-stats'],
      ['/v1', 'intake'],
      ['/docs', 'intake'],
    ]);
  });

  it('routes no internal endpoint to the outside: the file exchange between services stays inside the cluster', () => {
    const ingresses = resources.filter((r) => r.kind === 'Ingress');
    const routed = ingresses.flatMap((i) => i.spec.rules.flatMap((r: Obj) => r.http.paths.map((p: Obj) => p.path)));
    for (const path of routed) {
      expect('/internal/files/0123'.startsWith(path)).toBe(false);
      expect('/health/ready'.startsWith(path)).toBe(false);
    }
  });

  it('intake keeps attachments on a ReadWriteMany volume mounted at ATTACHMENTS_DIR', () => {
    const pod = find('Deployment', 'intake').spec.template.spec;
    const mount = pod.containers[0].volumeMounts.find((m: Obj) => m.mountPath === configMap.ATTACHMENTS_DIR);
    expect(mount).toBeDefined();
    const volume = pod.volumes.find((v: Obj) => v.name === mount.name);
    const claim = find('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName);
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('the optional autoscalers target the Deployments, keep two replicas at least, and drop the fixed replica count', () => {
    expect(hpaComponent.kind).toBe('Component');
    expect(hpas.map((h) => h.spec.scaleTargetRef)).toEqual(
      SERVICES.map((s) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: s })),
    );
    for (const h of hpas) expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpaComponent.patches[0].patch).toContain('path: /spec/replicas');
    expect(hpaComponent.patches[0].target).toMatchObject({ kind: 'Deployment' });
  });
});
