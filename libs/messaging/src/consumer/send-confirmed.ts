import type { ConfirmChannel, Options } from 'amqplib';

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
