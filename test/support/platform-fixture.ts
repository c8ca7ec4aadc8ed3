import { PLATFORM_SERVICES } from '../../tools/platform';
import { linkFileOwners, type ServiceKey, ServiceProcess, serviceEnv } from '../../tools/harness/service-process';
import { uniqueNamespace } from '../../tools/harness/test-env.config';

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
