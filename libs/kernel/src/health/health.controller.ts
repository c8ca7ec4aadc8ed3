import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EventBusStatus } from '@dvc/messaging';

/**
 * live: the process answers (an orchestrator restarts it otherwise).
 * ready: it can do its work: the database answers and the broker connections are up.
 * A not-ready service keeps answering HTTP with 503 here; it recovers by itself.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly bus: EventBusStatus,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => {
        const session = this.indicators.check('broker');
        const report = this.bus.report();
        return this.bus.healthy ? session.up(report) : session.down(report);
      },
    ]);
  }
}
