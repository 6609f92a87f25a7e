// Unit tests of src/common/restart.ts: restarts never overlap and bursts collapse.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SerialRestart } from '../common/restart';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SerialRestart', () => {
    test('two restarts never run at the same time, and a burst runs at most one more', async () => {
        let running = 0;
        let most = 0;
        let runs = 0;
        const restarts = new SerialRestart(async () => {
            running++;
            most = Math.max(most, running);
            runs++;
            await tick();
            running--;
        });
        const first = restarts.request();
        await Promise.resolve();
        const burst = [restarts.request(), restarts.request(), restarts.request()];
        await Promise.all([first, ...burst]);
        assert.equal(most, 1);
        assert.equal(runs, 2);
        await restarts.request();
        assert.equal(runs, 3);
    });

    test('a failing restart is reported and does not block the next one', async () => {
        const errors: unknown[] = [];
        let calls = 0;
        const restarts = new SerialRestart(
            () => {
                calls++;
                return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
            },
            (e) => errors.push(e),
        );
        await restarts.request();
        await restarts.request();
        assert.equal(calls, 2);
        assert.equal(errors.length, 1);
        await restarts.idle();
    });
});
