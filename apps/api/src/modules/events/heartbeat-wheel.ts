// Heartbeat slots per period: beats are spread by when streams opened, one shared timer visits a slot.
const HEARTBEAT_SLOTS = 60;

/** What the heartbeat wheel beats (a stream's watch). */
export interface Beating {
  beat(): void;
}

/**
 * Beats every stream at most `periodMs` apart on one timer instead of one interval per stream: streams
 * sit in HEARTBEAT_SLOTS slots by when they joined, and each tick visits one slot. The timer runs only
 * while there are streams.
 */
export class HeartbeatWheel {
  private readonly slots: Set<Beating>[];
  private readonly tickMs: number;
  private next = 0;
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(periodMs: number, slots = HEARTBEAT_SLOTS) {
    // At least 1 ms per slot, and rounded down: a full turn never exceeds the period.
    const count = Math.max(1, Math.min(slots, Math.floor(periodMs)));
    this.slots = Array.from({ length: count }, () => new Set<Beating>());
    this.tickMs = Math.max(1, Math.floor(periodMs / count));
  }

  /** Adds a stream; returns the function that removes it. */
  add(watch: Beating): () => void {
    // The slot visited last comes round again after a full turn.
    const slot = this.slots[(this.next + this.slots.length - 1) % this.slots.length];
    if (!slot) throw new Error('heartbeat slot out of range');
    slot.add(watch);
    if (this.size++ === 0) {
      this.timer = setInterval(() => {
        this.tick();
      }, this.tickMs);
      this.timer.unref();
    }
    return () => {
      if (!slot.delete(watch)) return;
      if (--this.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private tick(): void {
    const slot = this.slots[this.next];
    if (slot) for (const watch of slot) watch.beat();
    this.next = (this.next + 1) % this.slots.length;
  }
}
