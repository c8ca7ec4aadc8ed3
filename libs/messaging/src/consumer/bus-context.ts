import { RmqContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@dvc/contracts';
import type { EntityManager } from 'typeorm';

/**
 * What a handler gets beside the payload (`@Ctx() ctx: BusContext`): the transaction in which its
 * inbox row was written. Every write of the handler, outbox rows included, goes through
 * `ctx.manager` so that the side effect, its events and the inbox row commit together, before
 * the message is acknowledged.
 */
export class BusContext extends RmqContext {
  constructor(
    args: ConstructorParameters<typeof RmqContext>[0],
    readonly manager: EntityManager,
    readonly event: EventEnvelope,
  ) {
    super(args);
  }
}
