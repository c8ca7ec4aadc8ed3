import { createServer, connect, Server } from 'node:net';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../../tools/harness/service-process';
import { uniqueNamespace } from '../../tools/harness/test-env.config';

/**
 * HOST decides where a service listens: loopback by default, 0.0.0.0 only where a container's
 * network needs it (Dockerfile, ConfigMap). A socket bound to 127.0.0.1 answers on 127.0.0.1
 * alone, while one bound to 0.0.0.0 answers on every address of the machine, 127.0.0.2 included:
 * that second loopback address stands for "any other address" without sending anything off the
 * machine.
 */

const OTHER_ADDRESS = '127.0.0.2';

/** 'open' when something accepts a TCP connection at host:port, else the error code. */
function knock(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('the bind address (HOST)', () => {
  const namespace = uniqueNamespace('e2e');
  let service: ServiceProcess | undefined;

  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  afterAll(async () => {
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['payment'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('can tell a wildcard bind from a loopback one at 127.0.0.2 (the probe itself)', async () => {
    const open = async (host: string) => {
      const server: Server = createServer((s) => s.destroy());
      await new Promise<void>((resolve) => server.listen(0, host, resolve));
      const port = (server.address() as { port: number }).port;
      const seen = await knock(OTHER_ADDRESS, port);
      await new Promise((resolve) => server.close(resolve));
      return seen;
    };
    expect(await open('0.0.0.0')).toBe('open');
    expect(await open('127.0.0.1')).toBe('ECONNREFUSED');
  });

  it('listens on loopback only when HOST is not set', async () => {
    expect(process.env.HOST).toBeUndefined();
    const { port, env } = await serviceEnv('payment', namespace);
    service = new ServiceProcess('payment', port, env);
    service.start();
    await service.ready();
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    expect(await knock(OTHER_ADDRESS, port)).toBe('ECONNREFUSED');
  });

  it('listens on every address with HOST=0.0.0.0, as the containers set it', async () => {
    const { port, env } = await serviceEnv('payment', namespace, { HOST: '0.0.0.0' });
    service = new ServiceProcess('payment', port, env);
    service.start();
    await service.ready();
    expect(await knock(OTHER_ADDRESS, port)).toBe('open');
    expect((await fetch(`http://${OTHER_ADDRESS}:${port}/health/live`)).status).toBe(200);
  });

  it('refuses to start with a HOST that is not an IP address, saying so', async () => {
    const { port, env } = await serviceEnv('payment', namespace, { HOST: 'every-interface' });
    service = new ServiceProcess('payment', port, env);
    service.start();
    expect(await service.waitExit()).toBe(1);
    expect(service.output.join('\n')).toContain('HOST');
  });
});
