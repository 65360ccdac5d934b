/** Which alert: a new order (two rising sine tones) or a staff call (ding-dong twice, triangle). */
export type AlertKind = 'order' | 'call';

/** Tones of each alert: [frequency Hz, start s, length s]; the call sound is unlike the order chime. */
const TONES: Record<AlertKind, { type: OscillatorType; notes: [number, number, number][] }> = {
  order: {
    type: 'sine',
    notes: [
      [880, 0, 0.3],
      [1320, 0.18, 0.3],
    ],
  },
  call: {
    type: 'triangle',
    notes: [
      [1175, 0, 0.35],
      [880, 0.3, 0.45],
      [1175, 0.9, 0.35],
      [880, 1.2, 0.45],
    ],
  },
};

/** Short alert sounds made with WebAudio (no audio file to load). */
export class AlertSound {
  private ctx: AudioContext | null = null;

  /** Creates or resumes the audio context; call it from a click so the browser allows sound. */
  async unlock(): Promise<boolean> {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state !== 'running') {
        // Without a user gesture, resume() may never settle: do not wait for it forever.
        await Promise.race([this.ctx.resume(), new Promise((r) => setTimeout(r, 300))]);
      }
      return this.ctx.state === 'running';
    } catch {
      return false;
    }
  }

  /** Plays an alert; false when the browser blocks audio (the caller shows a prompt). */
  play(kind: AlertKind = 'order'): boolean {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return false;
    const start = ctx.currentTime + 0.01;
    const { type, notes } = TONES[kind];
    for (const [freq, at, length] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t0 = start + at;
      osc.type = type;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.4, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + length + 0.02);
    }
    return true;
  }

  close(): void {
    void this.ctx?.close();
    this.ctx = null;
  }
}
