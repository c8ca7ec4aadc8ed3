import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';

/** Sends to `queue` and resolves once the broker confirmed it; rejects if it refused it or the channel closed. */
export function sendConfirmed(
  channel: ConfirmChannel,
  queue: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      channel.sendToQueue(queue, content, options, (err: unknown) =>
        err ? reject(err instanceof Error ? err : new Error(`${queue}: not confirmed`)) : resolve(),
      );
    } catch (err) {
      // amqplib throws at once when the channel has already closed.
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/** Copies a delivery to `queue` (a retry tier or parking) with extra headers, confirmed by the broker. */
export function copyWithHeaders(
  channel: ConfirmChannel,
  msg: ConsumeMessage,
  queue: string,
  headers: Record<string, unknown>,
): Promise<void> {
  return sendConfirmed(channel, queue, msg.content, {
    ...msg.properties,
    persistent: true,
    headers: { ...msg.properties.headers, ...headers },
  });
}
