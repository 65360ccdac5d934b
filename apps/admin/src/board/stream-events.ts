import type { SseMessage } from '@table-order/contracts/sse';

/**
 * Remembers the last messages seen so each is applied once. The key is the whole frame: the server
 * may label a late event with the previous id, so the id alone does not tell two events apart.
 */
export class MessageDeduper {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];

  constructor(private readonly capacity = 1000) {}

  /** True the first time a message is seen. */
  firstTime(message: SseMessage): boolean {
    const key = `${message.id}\n${message.event}\n${message.data}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.order.push(key);
    if (this.order.length > this.capacity) {
      const old = this.order.shift();
      if (old !== undefined) this.seen.delete(old);
    }
    return true;
  }
}
