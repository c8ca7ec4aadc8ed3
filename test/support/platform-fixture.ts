import { DataSource } from 'typeorm';
import { PLATFORM_SERVICES } from '../../tools/platform';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { createPortalKey } from '../../tools/harness/portal-client';
import {
  E2E_RETRY_DELAYS,
  linkFileOwners,
  type ServiceKey,
  ServiceProcess,
  serviceEnv,
} from '../../tools/harness/service-process';
import { adminTestDbUrl, uniqueNamespace } from '../../tools/harness/test-env.config';

/** Starts the given services (default: all four) and waits until each reports ready. */
export async function startPlatform(
  names: ServiceKey[] = PLATFORM_SERVICES.map((s) => s.name),
): Promise<{ namespace: string; services: Record<ServiceKey, ServiceProcess> }> {
  const namespace = uniqueNamespace('e2e');
  const planned = [];
  for (const name of names) planned.push({ name, ...(await serviceEnv(name, namespace)) });
  linkFileOwners(planned);
  const services = {} as Record<ServiceKey, ServiceProcess>;
  for (const p of planned) services[p.name] = new ServiceProcess(p.name, p.port, p.env);
  // The first one applies its migrations; start them together as a deployment would.
  for (const s of Object.values(services)) s.start();
  await Promise.all(Object.values(services).map((s) => s.ready()));
  return { namespace, services };
}

/** What a spec gets from usePlatform, filled in by its beforeAll. */
export interface PlatformRun {
  services: Record<ServiceKey, ServiceProcess>;
  namespace: string;
  /** A portal key issued by intake (when intake runs). */
  apiKey: string;
  /** A superuser connection to the test database (with `database: true`). */
  db: DataSource;
}

/**
 * The set-up most end-to-end specs share: the given services as real processes, a portal key,
 * optionally a superuser connection to check what was (not) stored; everything stopped and the
 * bus namespace deleted after the spec. Call it inside the spec's describe.
 */
export function usePlatform(names: ServiceKey[], o: { database?: boolean } = {}): PlatformRun {
  const run = {} as PlatformRun;
  beforeAll(async () => {
    Object.assign(run, await startPlatform(names));
    if (names.includes('intake')) run.apiKey = (await createPortalKey(run.services.intake.url)).apiKey;
    if (o.database) run.db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  });
  afterAll(async () => {
    await run.db?.destroy();
    for (const s of Object.values(run.services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(run.namespace, names, E2E_RETRY_DELAYS);
    await broker.close();
  });
  return run;
}
