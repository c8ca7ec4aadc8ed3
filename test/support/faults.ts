import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { testConfig } from '../../tools/harness/test-env.config';
import { sleep } from '../../tools/harness/wait';

const run = promisify(execFile);

/** Restarts PostgreSQL, dropping every connection, as a database failover would. */
export async function restartPostgres(): Promise<void> {
  await run('bash', ['-c', testConfig.PG_RESTART_COMMAND], { timeout: 120000 });
}

/** Stops the RabbitMQ application (the Erlang node stays up), as an outage would. */
export async function stopBroker(): Promise<void> {
  await run(testConfig.RABBITMQCTL, ['stop_app'], { timeout: 60000 });
}

export async function startBroker(): Promise<void> {
  await run(testConfig.RABBITMQCTL, ['start_app'], { timeout: 120000 });
  // start_app returns when the app is up; give listeners a moment to accept connections.
  for (let i = 0; i < 50; i++) {
    try {
      const c = await connect(testConfig.AMQP_URL);
      await c.close();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error('RabbitMQ did not accept connections after start_app');
}
