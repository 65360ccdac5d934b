import type { StoreEvent } from '@table-order/contracts';

export type EventListener = (storeId: number, event: StoreEvent) => void;

/**
 * Delivers committed events to live listeners. Services hand events over after commit;
 * the hub alone owns fan-out (and, when configured, Redis).
 */
export interface EventHub {
  publish(storeId: number, events: StoreEvent[]): void;
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** Single-instance hub: synchronous in-process fan-out. */
export class LocalEventHub implements EventHub {
  private readonly listeners = new Set<EventListener>();

  publish(storeId: number, events: StoreEvent[]): void {
    for (const event of events) for (const l of this.listeners) l(storeId, event);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
