// Unit tests of src/common/python.ts: interpreter choice, the probe, launch arguments.
import { resetFake, state } from '../testing/vscode-fake';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import {
    FALLBACK_PYTHON,
    PROBE_SCRIPT,
    checkProbe,
    chooseInterpreter,
    couldNotRun,
    probeInterpreter,
    pythonExtensionInterpreter,
    serverLaunch,
    type Interpreter,
    type Launch,
    type Probe,
} from '../common/python';

const EXT = '/ext/pygloss-0.1.0';
const LIBS = path.join(EXT, 'bundled', 'libs');
const never = () => Promise.reject(new Error('the Python extension must not be asked'));

describe('chooseInterpreter', () => {
    test('the setting wins, and the Python extension is not even asked', async () => {
        assert.deepEqual(await chooseInterpreter({ interpreter: '/opt/py/bin/python' }, true, never), {
            command: '/opt/py/bin/python',
            source: 'setting',
        });
    });

    test('else the Python extension selection', async () => {
        const selected = () => Promise.resolve('/w/.venv/bin/python');
        assert.deepEqual(await chooseInterpreter({ interpreter: '' }, true, selected), {
            command: '/w/.venv/bin/python',
            source: 'python-extension',
        });
    });

    test('else python3 on PATH: no selection, a failing extension, or an untrusted workspace', async () => {
        const fallback = { command: FALLBACK_PYTHON, source: 'path' };
        assert.deepEqual(await chooseInterpreter({ interpreter: '' }, true, () => Promise.resolve(undefined)), fallback);
        assert.deepEqual(await chooseInterpreter({ interpreter: '' }, true, never), fallback);
        const selected = () => Promise.resolve('/w/.venv/bin/python');
        assert.deepEqual(await chooseInterpreter({ interpreter: '' }, false, selected), fallback);
    });

    test('without the Python extension installed, its interpreter is undefined', async () => {
        resetFake();
        assert.equal(state.extensions.size, 0);
        assert.equal(await pythonExtensionInterpreter(), undefined);
    });
});

describe('serverLaunch', () => {
    const python: Interpreter = { command: '/usr/bin/python3', source: 'path' };

    test('useBundled: python -P -m pygloss serve with the bundled libs first on PYTHONPATH', () => {
        const launch = serverLaunch(python, 'useBundled', EXT, { PATH: '/usr/bin', PYTHONPATH: '/mine' }, '/w');
        assert.deepEqual(launch, {
            command: '/usr/bin/python3',
            args: ['-P', '-m', 'pygloss', 'serve'],
            env: { PATH: '/usr/bin', PYTHONPATH: `${LIBS}${path.delimiter}/mine`, PYTHONUNBUFFERED: '1' },
            cwd: '/w',
        });
        assert.equal(serverLaunch(python, 'useBundled', EXT, {}).env.PYTHONPATH, LIBS);
    });

    test('fromEnvironment: the environment is left as it is', () => {
        const launch = serverLaunch(python, 'fromEnvironment', EXT, { PATH: '/usr/bin' });
        assert.deepEqual(launch.env, { PATH: '/usr/bin', PYTHONUNBUFFERED: '1' });
        assert.deepEqual(launch.args, ['-P', '-m', 'pygloss', 'serve']);
    });
});

describe('probe and version check', () => {
    const python: Interpreter = { command: 'python3', source: 'path' };
    const probe = (version: [number, number, number], pygloss: string | null): Probe => ({
        version,
        executable: '/usr/bin/python3',
        pygloss,
        pyglossVersion: pygloss ? '0.1.0' : null,
    });

    test('the probe runs the same command and environment as the server, with -P -c', async () => {
        let seen: Launch | undefined;
        const launch = serverLaunch(python, 'useBundled', EXT, {});
        const answer = await probeInterpreter(launch, (l) => {
            seen = l;
            return Promise.resolve('noise\n{"version": [3, 12, 1], "executable": "/x", "pygloss": null, "pyglossVersion": null}\n');
        });
        assert.deepEqual(seen, { ...launch, args: ['-P', '-c', PROBE_SCRIPT] });
        assert.deepEqual(answer.version, [3, 12, 1]);
    });

    test('the probe script really runs in this machine\'s python3 and finds the bundled pygloss', () => {
        const libs = path.resolve(__dirname, '..', '..', 'bundled', 'libs');
        const out = execFileSync('python3', ['-P', '-c', PROBE_SCRIPT], { env: { ...process.env, PYTHONPATH: libs } });
        const answer = JSON.parse(String(out)) as Probe;
        assert.ok(answer.version[0] === 3 && answer.version[1] >= 11);
        assert.ok(typeof answer.executable === 'string' && answer.executable.length > 0);
        // pygloss is found in the bundle when it was built (npm run bundle-libs), else wherever it is
        if (answer.pygloss !== null && answer.pygloss.startsWith(libs)) {
            assert.match(answer.pyglossVersion ?? '', /^\d+\.\d+/);
        }
    });

    test('3.10 is refused with what to do; 3.11 and 3.13 are accepted', () => {
        const bundled = path.join(LIBS, 'pygloss', '__init__.py');
        const old = checkProbe(python, probe([3, 10, 12], bundled), 'useBundled', LIBS);
        assert.equal(
            old,
            'pygloss needs Python 3.11 or newer, but python3 (python3 on PATH) is Python 3.10.12. ' +
                'Select a Python 3.11+ interpreter with "Python: Select Interpreter", or set "pygloss.interpreter" in your user settings.',
        );
        assert.equal(checkProbe(python, probe([3, 11, 0], bundled), 'useBundled', LIBS), undefined);
        assert.equal(checkProbe(python, probe([3, 13, 2], bundled), 'useBundled', LIBS), undefined);
        assert.match(checkProbe(python, probe([2, 7, 18], bundled), 'useBundled', LIBS) ?? '', /is Python 2\.7\.18/);
    });

    test('useBundled needs pygloss from the bundle; fromEnvironment needs it installed', () => {
        const elsewhere = '/usr/lib/python3/dist-packages/pygloss/__init__.py';
        assert.match(checkProbe(python, probe([3, 12, 0], elsewhere), 'useBundled', LIBS) ?? '', /bundled with this extension was not found/);
        assert.match(checkProbe(python, probe([3, 12, 0], null), 'useBundled', LIBS) ?? '', /Reinstall the extension/);
        assert.equal(checkProbe(python, probe([3, 12, 0], elsewhere), 'fromEnvironment', LIBS), undefined);
        assert.equal(
            checkProbe(python, probe([3, 12, 0], null), 'fromEnvironment', LIBS),
            '"pygloss.importStrategy" is "fromEnvironment" but pygloss is not installed for /usr/bin/python3. ' +
                'Install it from a clone of pygloss with "/usr/bin/python3 -m pip install <clone>" (it is not on PyPI yet), or set "pygloss.importStrategy" to "useBundled".',
        );
    });

    test('an interpreter that does not run is reported with its source', async () => {
        const missing: Interpreter = { command: '/nowhere/python', source: 'setting' };
        const err = await probeInterpreter(serverLaunch(missing, 'useBundled', EXT, process.env)).catch((e: unknown) => e);
        assert.ok(err instanceof Error);
        assert.match(couldNotRun(missing, err), /^pygloss could not run \/nowhere\/python \(the "pygloss.interpreter" setting\): .*ENOENT/);
    });
});

beforeEach(resetFake);
