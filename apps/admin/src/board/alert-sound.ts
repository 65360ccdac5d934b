/** A short two-tone chime made with WebAudio (no audio file to load). */
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

  /** Plays the chime; false when the browser blocks audio (the caller shows a prompt). */
  play(): boolean {
    const ctx = this.ctx;
    if (!ctx || ctx.state !== 'running') return false;
    const start = ctx.currentTime + 0.01;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t0 = start + i * 0.18;
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.4, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.32);
    }
    return true;
  }

  close(): void {
    void this.ctx?.close();
    this.ctx = null;
  }
}
