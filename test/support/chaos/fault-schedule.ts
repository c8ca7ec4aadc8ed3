import type { ServiceProcess } from '../../../tools/harness/service-process';
import { sleep } from '../../../tools/harness/wait';
import { restartPostgres, startBroker, stopBroker } from '../faults';

export interface FaultLog {
  at: number;
  fault: string;
}

export interface FaultScheduleOptions {
  /** Every service instance that may be killed (two per service in a scale-out run). */
  processes: ServiceProcess[];
  durationMs: number;
  /** Pause between two kills. */
  killEveryMs: number;
  /** How long a killed process stays down before it is started again. */
  downMs: number;
  /** When (ms after start) to stop the broker, for how long, and when to restart PostgreSQL. */
  brokerStopAtMs?: number;
  brokerDownMs?: number;
  postgresRestartAtMs?: number;
  /** Called once, when the poison message should go in. */
  poisonAtMs?: number;
  poison?: () => Promise<void>;
  random?: () => number;
}

/**
 * Fault injection while journeys run: kill -9 a random service instance every few seconds and
 * start it again, stop and start RabbitMQ once, restart PostgreSQL once, inject one poison
 * message. Returns what it did, in order, for the report.
 */
export async function runFaultSchedule(o: FaultScheduleOptions): Promise<FaultLog[]> {
  const log: FaultLog[] = [];
  const t0 = Date.now();
  const random = o.random ?? Math.random;
  const elapsed = () => Date.now() - t0;
  const once = new Set<string>();
  const due = (name: string, at: number | undefined) =>
    at !== undefined && !once.has(name) && elapsed() >= at && (once.add(name), true);

  while (elapsed() < o.durationMs) {
    // A process that died on its own (say, it booted while PostgreSQL was restarting) is started again.
    for (const p of o.processes) {
      if (!p.running) {
        p.start();
        log.push({ at: elapsed(), fault: `restarted ${p.name}:${p.port} (had exited)` });
      }
    }
    if (due('poison', o.poisonAtMs) && o.poison) {
      await o.poison();
      log.push({ at: elapsed(), fault: 'poison message published' });
    }
    if (due('broker', o.brokerStopAtMs)) {
      log.push({ at: elapsed(), fault: 'RabbitMQ stopped' });
      await stopBroker();
      await sleep(o.brokerDownMs ?? 5000);
      await startBroker();
      log.push({ at: elapsed(), fault: 'RabbitMQ started' });
    }
    if (due('postgres', o.postgresRestartAtMs)) {
      log.push({ at: elapsed(), fault: 'PostgreSQL restarting' });
      await restartPostgres();
      log.push({ at: elapsed(), fault: 'PostgreSQL restarted' });
    }
    const victim = o.processes[Math.floor(random() * o.processes.length)];
    if (victim.running) {
      await victim.stop('SIGKILL');
      log.push({ at: elapsed(), fault: `kill -9 ${victim.name}:${victim.port}` });
      await sleep(o.downMs);
      victim.start();
      log.push({ at: elapsed(), fault: `restarted ${victim.name}:${victim.port}` });
    }
    await sleep(o.killEveryMs);
  }
  // Whatever happened, leave every process running for the drain.
  for (const p of o.processes) if (!p.running) p.start();
  return log;
}
