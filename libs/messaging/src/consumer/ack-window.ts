import type { Channel, Message } from 'amqplib';

/**
 * Acknowledges settled deliveries of one channel with as few frames as possible. Deliveries are
 * handled concurrently and finish out of order, so a plain `ack(msg, allUpTo)` could acknowledge
 * a message still being handled. This keeps the delivery tags still in hand and acknowledges,
 * with one "multiple" ack, every settled tag below the lowest one still in hand. Under load that
 * turns one ack per message into one per batch, which a quorum queue applies as one Raft command.
 * Every ack of the channel must go through here (acking a tag twice closes the channel).
 */
export class AckWindow {
  private readonly inHand = new Set<number>();
  private readonly settled = new Set<number>();
  private scheduled = false;

  constructor(private readonly channel: Channel) {}

  delivered(msg: Message): void {
    this.inHand.add(msg.fields.deliveryTag);
  }

  /** The message's effect is committed (or it was republished): it may be acknowledged. */
  settle(msg: Message): void {
    const tag = msg.fields.deliveryTag;
    // Only once per delivery: a handler given up after its timeout has been settled by its retry
    // or parking copy, and whatever settles it again must not ack the tag a second time.
    if (!this.inHand.delete(tag)) return;
    this.settled.add(tag);
    if (!this.scheduled) {
      this.scheduled = true;
      // Settlements of the same tick share one ack.
      setImmediate(() => this.flush());
    }
  }

  /**
   * The delivery could not be settled (its retry or parking copy was refused): hand it back to the
   * broker for redelivery, so it neither stays in hand forever (which would stop every later ack
   * of this channel) nor is acknowledged unhandled.
   */
  release(msg: Message): void {
    if (!this.inHand.delete(msg.fields.deliveryTag)) return;
    try {
      this.channel.nack(msg, false, true);
    } catch {
      // The channel closed: the broker requeues it anyway.
    }
    if (!this.scheduled && this.settled.size > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    let lowestInHand = Infinity;
    for (const t of this.inHand) if (t < lowestInHand) lowestInHand = t;
    let upTo = -1;
    for (const t of this.settled) if (t < lowestInHand && t > upTo) upTo = t;
    if (upTo < 0) return;
    for (const t of this.settled) if (t <= upTo) this.settled.delete(t);
    try {
      this.channel.ack({ fields: { deliveryTag: upTo } } as Message, true);
    } catch {
      // The channel closed: the broker requeues every unacked delivery and the inbox absorbs
      // the copies. Nothing to do here; the next channel has a window of its own.
    }
    // Tags above one still in hand wait for it; its settle() flushes them.
  }
}
