import type { Channel, Message } from 'amqplib';
import { AckWindow } from './ack-window';

const msg = (tag: number) => ({ fields: { deliveryTag: tag } }) as Message;
const tick = () => new Promise((r) => setImmediate(r));

function recordingChannel() {
  const acks: { tag: number; multiple: boolean }[] = [];
  const channel = {
    ack: (m: Message, multiple?: boolean) => acks.push({ tag: m.fields.deliveryTag, multiple: !!multiple }),
  } as unknown as Channel;
  return { channel, acks };
}

describe('AckWindow', () => {
  it('never acknowledges a delivery still in hand, even when later ones finish first', async () => {
    const { channel, acks } = recordingChannel();
    const w = new AckWindow(channel);
    [1, 2, 3, 4].forEach((t) => w.delivered(msg(t)));
    w.settle(msg(3));
    w.settle(msg(4));
    await tick();
    expect(acks).toEqual([]); // 1 and 2 are still being handled

    w.settle(msg(1));
    await tick();
    expect(acks).toEqual([{ tag: 1, multiple: true }]);

    w.settle(msg(2));
    await tick();
    expect(acks).toEqual([
      { tag: 1, multiple: true },
      { tag: 4, multiple: true },
    ]);
  });

  it('acknowledges what settled in the same tick with one frame', async () => {
    const { channel, acks } = recordingChannel();
    const w = new AckWindow(channel);
    for (let t = 1; t <= 50; t++) w.delivered(msg(t));
    for (let t = 1; t <= 50; t++) w.settle(msg(t));
    await tick();
    expect(acks).toEqual([{ tag: 50, multiple: true }]);
  });

  it('hands a delivery it cannot settle back to the broker, and keeps acknowledging the others', async () => {
    const acks: { tag: number; multiple: boolean }[] = [];
    const nacks: { tag: number; requeue: boolean }[] = [];
    const channel = {
      ack: (m: Message, multiple?: boolean) => acks.push({ tag: m.fields.deliveryTag, multiple: !!multiple }),
      nack: (m: Message, _allUpTo?: boolean, requeue?: boolean) =>
        nacks.push({ tag: m.fields.deliveryTag, requeue: !!requeue }),
    } as unknown as Channel;
    const w = new AckWindow(channel);
    [1, 2, 3].forEach((t) => w.delivered(msg(t)));
    w.settle(msg(2));
    w.settle(msg(3));
    await tick();
    expect(acks).toEqual([]); // 1 still in hand
    w.release(msg(1));
    await tick();
    expect(nacks).toEqual([{ tag: 1, requeue: true }]);
    expect(acks).toEqual([{ tag: 3, multiple: true }]);
  });

  it('settles a delivery once: settling or releasing it again sends nothing (a second ack closes the channel)', async () => {
    const acks: number[] = [];
    const nacks: number[] = [];
    const channel = {
      ack: (m: Message) => acks.push(m.fields.deliveryTag),
      nack: (m: Message) => nacks.push(m.fields.deliveryTag),
    } as unknown as Channel;
    const w = new AckWindow(channel);
    [1, 2].forEach((t) => w.delivered(msg(t)));
    w.settle(msg(1));
    await tick();
    w.settle(msg(1));
    w.release(msg(1));
    await tick();
    expect(acks).toEqual([1]);
    expect(nacks).toEqual([]);
    w.settle(msg(2));
    await tick();
    expect(acks).toEqual([1, 2]);
  });

  it('does not throw when the channel has closed (the broker redelivers)', async () => {
    const channel = {
      ack: () => {
        throw new Error('Channel closed');
      },
    } as unknown as Channel;
    const w = new AckWindow(channel);
    w.delivered(msg(1));
    w.settle(msg(1));
    await expect(tick()).resolves.toBeUndefined();
  });
});
