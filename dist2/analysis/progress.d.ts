/**
 * A progress bar on stderr for long work: redrawn in place on a terminal, a line every 10 % in
 * logs (CI), silent when disabled.
 */
export declare class ProgressBar {
    private readonly label;
    private readonly total;
    private readonly enabled;
    private readonly start;
    private lastDecile;
    private readonly tty;
    constructor(label: string, total: number, enabled?: boolean);
    update(done: number, note?: string): void;
}
