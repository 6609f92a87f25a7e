/**
 * The extension's settings: read them (with defaults and validation), turn them into
 * the object the server expects, and tell which changes need a new server process.
 *
 * Settings that choose what program runs (`interpreter`, `importStrategy`) are
 * machine-scoped in package.json; they are also read here from the user/machine
 * level only, so a workspace's `.vscode/settings.json` can never pick the program.
 */

import * as os from 'os';
import * as path from 'path';
import { getConfiguration, type ConfigurationChangeEvent, type WorkspaceFolder } from './vscodeapi';
import { CONFIG_SECTION, RESTART_SETTINGS } from './constants';

export type ImportStrategy = 'useBundled' | 'fromEnvironment';
export type Verbosity = 'brief' | 'normal' | 'full';

export interface PyglossSettings {
    /** Expanded interpreter path, or '' when unset. */
    interpreter: string;
    importStrategy: ImportStrategy;
    notes: string[];
    select: string[];
    ignore: string[];
    hover: { verbosity: Verbosity; mute: string[] };
    /** The published knowledge pages, or '' for the pages the server builds locally. */
    pagesUrl: string;
}

export interface ReadResult {
    settings: PyglossSettings;
    /** Human-readable problems with the user's values (each replaced by its default). */
    problems: string[];
}

const STRATEGIES: readonly ImportStrategy[] = ['useBundled', 'fromEnvironment'];
const VERBOSITIES: readonly Verbosity[] = ['brief', 'normal', 'full'];

/** Expand `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~`. */
export function expandVariables(value: string, folder?: string, env: NodeJS.ProcessEnv = process.env): string {
    let out = value.trim();
    if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) {
        out = os.homedir() + out.slice(1);
    }
    out = out.replace(/\$\{userHome\}/g, os.homedir());
    out = out.replace(/\$\{env:([^}]+)\}/g, (_m, name: string) => env[name] ?? '');
    if (folder !== undefined) {
        out = out.replace(/\$\{workspaceFolder\}/g, folder);
    }
    return out;
}

function stringList(value: unknown, key: string, problems: string[]): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        return value.map((v) => v.trim()).filter((v) => v.length > 0);
    }
    problems.push(`"pygloss.${key}" must be a list of strings; ignored.`);
    return [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, key: string, problems: string[]): T {
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
        return value as T;
    }
    problems.push(`"pygloss.${key}" must be one of ${allowed.join(', ')}; using "${fallback}".`);
    return fallback;
}

/** The user/machine value of a machine-scoped setting; workspace values are never used. */
function machineValue(key: string, folder?: WorkspaceFolder): unknown {
    const inspected = getConfiguration(CONFIG_SECTION, folder?.uri).inspect(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
}

export function readSettings(folder?: WorkspaceFolder): ReadResult {
    const problems: string[] = [];
    const config = getConfiguration(CONFIG_SECTION, folder?.uri);
    const rawInterpreter = machineValue('interpreter', folder);
    let interpreter = '';
    if (typeof rawInterpreter === 'string') {
        interpreter = expandVariables(rawInterpreter, folder?.uri.fsPath);
    } else if (rawInterpreter !== undefined && rawInterpreter !== null) {
        problems.push('"pygloss.interpreter" must be a path (a string); ignored.');
    }
    if (interpreter !== '' && !path.isAbsolute(interpreter) && interpreter.includes(path.sep)) {
        problems.push(`"pygloss.interpreter" ${interpreter} is a relative path; use an absolute path or \${workspaceFolder}.`);
    }
    const settings: PyglossSettings = {
        interpreter,
        importStrategy: oneOf(machineValue('importStrategy', folder), STRATEGIES, 'useBundled', 'importStrategy', problems),
        notes: stringList(config.get('notes'), 'notes', problems).map((n) => expandVariables(n, folder?.uri.fsPath)),
        select: stringList(config.get('select'), 'select', problems),
        ignore: stringList(config.get('ignore'), 'ignore', problems),
        hover: {
            verbosity: oneOf(config.get('hover.verbosity'), VERBOSITIES, 'normal', 'hover.verbosity', problems),
            mute: stringList(config.get('hover.mute'), 'hover.mute', problems),
        },
        pagesUrl: (config.get<string>('pages.url') ?? '').trim(),
    };
    return { settings, problems };
}

/**
 * What the server receives as `initializationOptions` and in
 * `workspace/didChangeConfiguration`: `{"pygloss": {...}}` in the server's keys.
 * Empty lists are left out so they do not override `[tool.pygloss]` in pyproject.toml
 * (an empty `select` would turn every rule off).
 */
export function serverSettings(settings: PyglossSettings): { pygloss: Record<string, unknown> } {
    const out: Record<string, unknown> = {
        hover: { verbosity: settings.hover.verbosity, mute: [...settings.hover.mute] },
    };
    if (settings.notes.length > 0) {
        out.notes = [...settings.notes];
    }
    if (settings.select.length > 0) {
        out.select = [...settings.select];
    }
    if (settings.ignore.length > 0) {
        out.ignore = [...settings.ignore];
    }
    if (settings.pagesUrl !== '') {
        out.pages = { url: settings.pagesUrl };
    }
    return { pygloss: out };
}

/**
 * `initializationOptions`: the settings, and whether the workspace is trusted (the
 * server reads that flag from here only, so a repository's own settings cannot set
 * it; untrusted, it ignores the `notes` named in the repository's pyproject.toml).
 */
export function initializationOptions(
    settings: PyglossSettings,
    trusted: boolean,
): { pygloss: Record<string, unknown>; workspaceTrusted: boolean } {
    return { ...serverSettings(settings), workspaceTrusted: trusted };
}

/** True when the change needs a new server process (not just new settings). */
export function needsRestart(event: Pick<ConfigurationChangeEvent, 'affectsConfiguration'>): boolean {
    return RESTART_SETTINGS.some((key) => event.affectsConfiguration(key));
}

const CLIENT_ONLY_KEYS = ['interpreter', 'importStrategy', 'trace'];
const LIST_KEYS = ['select', 'ignore', 'extendSelect', 'notes'];

/**
 * A `pygloss` section answered to the server's `workspace/configuration` pull, in the
 * same shape as {@link serverSettings}: client-only keys removed, empty lists left out
 * (VS Code reports every contributed default, and `select: []` means "no rule"),
 * paths in `notes` expanded.  Keys the client does not know are passed through.
 */
export function pulledSettings(raw: unknown, folder?: string): unknown {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return raw;
    }
    const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
    for (const key of CLIENT_ONLY_KEYS) {
        delete out[key];
    }
    for (const key of LIST_KEYS) {
        if (Array.isArray(out[key]) && (out[key] as unknown[]).length === 0) {
            delete out[key];
        }
    }
    if (Array.isArray(out.notes)) {
        out.notes = out.notes.map((n: unknown) => (typeof n === 'string' ? expandVariables(n, folder) : n));
    }
    return out;
}
