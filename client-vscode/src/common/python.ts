/**
 * Which Python runs the server, whether it can, and the exact launch command.
 *
 * Choice, in order: the `pygloss.interpreter` setting; the interpreter selected in
 * the Python extension (when it is installed and the workspace is trusted: that
 * interpreter may live inside the workspace); `python3` on PATH.  The chosen
 * interpreter is probed once per start (version >= 3.11, where pygloss is found),
 * with the same environment the server gets.
 */

import { execFile } from 'child_process';
import * as path from 'path';
import { PythonExtension } from '@vscode/python-extension';
import { BUNDLED_LIBS, MIN_PYTHON, PYTHON_EXTENSION_ID } from './constants';
import type { ImportStrategy, PyglossSettings } from './settings';
import { isExtensionInstalled, type Disposable, type Uri } from './vscodeapi';

export type InterpreterSource = 'setting' | 'python-extension' | 'path';

export interface Interpreter {
    command: string;
    source: InterpreterSource;
}

export interface Launch {
    command: string;
    args: string[];
    env: NodeJS.ProcessEnv;
    cwd?: string;
}

export interface Probe {
    version: [number, number, number];
    executable: string;
    /** Where `import pygloss` would come from, or null when it is not importable. */
    pygloss: string | null;
    pyglossVersion: string | null;
}

export const FALLBACK_PYTHON = process.platform === 'win32' ? 'python' : 'python3';

/** `-P`: do not put the working directory on sys.path, so no file of the workspace is imported. */
export const SERVER_ARGS = ['-P', '-m', 'pygloss', 'serve'];

/** Prints what {@link Probe} holds; imports only pygloss's own `__init__`. */
export const PROBE_SCRIPT = [
    'import importlib.util, json, sys',
    'spec = importlib.util.find_spec("pygloss")',
    'version = None',
    'if spec is not None:',
    '    try:',
    '        import pygloss; version = getattr(pygloss, "__version__", None)',
    '    except Exception:',
    '        pass',
    'print(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable,',
    '                  "pygloss": spec.origin if spec else None, "pyglossVersion": version}))',
].join('\n');

export type ActiveInterpreter = () => Promise<string | undefined>;

/** Pick the interpreter; `fromPythonExtension` is only asked when the setting is empty. */
export async function chooseInterpreter(
    settings: Pick<PyglossSettings, 'interpreter'>,
    trusted: boolean,
    fromPythonExtension: ActiveInterpreter,
): Promise<Interpreter> {
    if (settings.interpreter !== '') {
        return { command: settings.interpreter, source: 'setting' };
    }
    if (trusted) {
        const selected = await fromPythonExtension().catch(() => undefined);
        if (selected) {
            return { command: selected, source: 'python-extension' };
        }
    }
    return { command: FALLBACK_PYTHON, source: 'path' };
}

export function bundledLibs(extensionPath: string): string {
    return path.join(extensionPath, ...BUNDLED_LIBS);
}

/** The server's command line and environment (PYTHONPATH starts with the bundled libs). */
export function serverLaunch(
    interpreter: Interpreter,
    strategy: ImportStrategy,
    extensionPath: string,
    baseEnv: NodeJS.ProcessEnv,
    cwd?: string,
): Launch {
    const env: NodeJS.ProcessEnv = { ...baseEnv, PYTHONUNBUFFERED: '1' };
    if (strategy === 'useBundled') {
        const libs = bundledLibs(extensionPath);
        env.PYTHONPATH = baseEnv.PYTHONPATH ? `${libs}${path.delimiter}${baseEnv.PYTHONPATH}` : libs;
    }
    return { command: interpreter.command, args: [...SERVER_ARGS], env, cwd };
}

/** The probe runs with the launch's command and environment. */
export function probeLaunch(launch: Launch): Launch {
    return { ...launch, args: ['-P', '-c', PROBE_SCRIPT] };
}

export type Runner = (launch: Launch) => Promise<string>;

export const runProcess: Runner = (launch) =>
    new Promise((resolve, reject) => {
        execFile(launch.command, launch.args, { env: launch.env, cwd: launch.cwd, timeout: 15000 }, (err, stdout, stderr) => {
            if (err) {
                const detail = String(stderr).trim() || err.message;
                reject(new Error(detail));
            } else {
                resolve(String(stdout));
            }
        });
    });

export async function probeInterpreter(launch: Launch, run: Runner = runProcess): Promise<Probe> {
    const out = await run(probeLaunch(launch));
    const line = out.trim().split(/\r?\n/).pop() ?? '';
    const data = JSON.parse(line) as Probe;
    if (!Array.isArray(data.version) || data.version.length < 2) {
        throw new Error(`unexpected answer from the interpreter: ${line}`);
    }
    return data;
}

const SOURCE_LABEL: Record<InterpreterSource, string> = {
    setting: 'the "pygloss.interpreter" setting',
    'python-extension': 'the interpreter selected in the Python extension',
    path: 'python3 on PATH',
};

export function describe(interpreter: Interpreter): string {
    return `${interpreter.command} (${SOURCE_LABEL[interpreter.source]})`;
}

const HOW_TO_CHOOSE =
    'Select a Python 3.11+ interpreter with "Python: Select Interpreter", or set "pygloss.interpreter" in your user settings.';

/** Why this interpreter cannot run the server, or undefined when it can. */
export function checkProbe(interpreter: Interpreter, probe: Probe, strategy: ImportStrategy, libs: string): string | undefined {
    const [major, minor] = probe.version;
    if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
        return (
            `pygloss needs Python ${MIN_PYTHON.join('.')} or newer, but ${describe(interpreter)} ` +
            `is Python ${probe.version.join('.')}. ${HOW_TO_CHOOSE}`
        );
    }
    if (strategy === 'fromEnvironment' && probe.pygloss === null) {
        return (
            `"pygloss.importStrategy" is "fromEnvironment" but pygloss is not installed for ${probe.executable}. ` +
            `Install it from a clone of pygloss with "${probe.executable} -m pip install <clone>" (it is not on PyPI yet), or set "pygloss.importStrategy" to "useBundled".`
        );
    }
    if (strategy === 'useBundled' && (probe.pygloss === null || !isInside(probe.pygloss, libs))) {
        return (
            `The pygloss bundled with this extension was not found in ${libs} (the extension looks incomplete). ` +
            'Reinstall the extension, or set "pygloss.importStrategy" to "fromEnvironment" and install pygloss yourself.'
        );
    }
    return undefined;
}

export function couldNotRun(interpreter: Interpreter, err: unknown): string {
    const reason = err instanceof Error ? err.message : String(err);
    return `pygloss could not run ${describe(interpreter)}: ${reason.split('\n')[0]}. ${HOW_TO_CHOOSE}`;
}

function isInside(file: string, dir: string): boolean {
    const rel = path.relative(dir, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The Python extension's interpreter for `resource`, or undefined (not installed, none selected). */
export async function pythonExtensionInterpreter(resource?: Uri): Promise<string | undefined> {
    if (!isExtensionInstalled(PYTHON_EXTENSION_ID)) {
        return undefined;
    }
    const api = await PythonExtension.api();
    const envPath = api.environments.getActiveEnvironmentPath(resource);
    const env = await api.environments.resolveEnvironment(envPath);
    return env?.executable.uri?.fsPath;
}

/** Call `listener` when the interpreter selected in the Python extension changes. */
export async function onDidChangePythonInterpreter(listener: () => unknown): Promise<Disposable | undefined> {
    if (!isExtensionInstalled(PYTHON_EXTENSION_ID)) {
        return undefined;
    }
    const api = await PythonExtension.api();
    return api.environments.onDidChangeActiveEnvironmentPath(() => listener());
}
