/**
 * Serialise restarts: never two at once, and a burst of requests collapses into one.
 *
 * A request made while nothing runs starts a restart.  A request made while one runs
 * queues exactly one more, to start after it (the settings may have changed since the
 * running one read them); further requests join that queued one.
 */

export class SerialRestart {
    private chain: Promise<void> = Promise.resolve();
    private queued: Promise<void> | undefined;

    constructor(
        private readonly task: () => Promise<void>,
        private readonly onError: (err: unknown) => void = () => undefined,
    ) {}

    request(): Promise<void> {
        if (this.queued !== undefined) {
            return this.queued;
        }
        const next = this.chain.then(async () => {
            this.queued = undefined;
            try {
                await this.task();
            } catch (err) {
                this.onError(err);
            }
        });
        this.queued = next;
        this.chain = next;
        return next;
    }

    /** Resolves when every requested restart has finished. */
    idle(): Promise<void> {
        return this.chain;
    }
}
