/**
 * A storm of visit beacons in a process of its own, so that generating it does not slow the
 * generator measuring submissions (they would share one event loop otherwise).
 * node dist/bench/support/beacon-storm.js <intake url> <api key> <beacons per second> <seconds>
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

const [url, apiKey, rate, seconds] = process.argv.slice(2);
autocannon(
  {
    url,
    connections: 64,
    duration: Number(seconds),
    overallRate: Number(rate),
    requests: [
      {
        method: 'POST',
        path: '/v1/site-stats/visits',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ sessionId: randomUUID() }) }),
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(
      `${JSON.stringify({ ok: result['2xx'], non2xx: result.non2xx, errors: result.errors, p50: result.latency.p50, p99: result.latency.p99 })}\n`,
    );
  },
);
