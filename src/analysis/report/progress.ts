/**
 * A progress bar on stderr for long work: redrawn in place on a terminal, a line every 10 % in
 * logs (CI), silent when disabled.
 */
export class ProgressBar {
  private readonly start = Date.now();
  private lastDecile = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly enabled = true,
  ) {}

  update(done: number, note = ''): void {
    if (!this.enabled || this.total <= 0) return;
    const fraction = Math.min(1, done / this.total);
    const elapsed = (Date.now() - this.start) / 1000;
    const eta = fraction > 0 ? elapsed * (1 / fraction - 1) : NaN;
    const text = `${this.label} ${done}/${this.total} ${(fraction * 100).toFixed(0)}% ${elapsed.toFixed(1)}s elapsed${Number.isFinite(eta) && done < this.total ? `, ~${eta.toFixed(0)}s left` : ''}${note ? ` ${note}` : ''}`;
    if (this.tty) {
      const width = 24;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      if (done >= this.total) process.stderr.write('\n');
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        process.stderr.write(`${text}\n`);
      }
    }
  }
}
