import { PLATFORM_SERVICES } from '../../tools/platform';
import { type ServiceKey, ServiceProcess, serviceEnv } from '../../tools/harness/service-process';
import { uniqueNamespace } from '../../tools/harness/test-env.config';

/** Starts the given services (default: all four) and waits until each reports ready. */
export async function startPlatform(
  names: ServiceKey[] = PLATFORM_SERVICES.map((s) => s.name),
): Promise<{ namespace: string; services: Record<ServiceKey, ServiceProcess> }> {
  const namespace = uniqueNamespace('e2e');
  const services = {} as Record<ServiceKey, ServiceProcess>;
  for (const name of names) {
    const { port, env } = await serviceEnv(name, namespace);
    services[name] = new ServiceProcess(name, port, env);
  }
  // The first one applies its migrations; start them together as a deployment would.
  for (const s of Object.values(services)) s.start();
  await Promise.all(Object.values(services).map((s) => s.ready()));
  return { namespace, services };
}
