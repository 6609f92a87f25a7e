/**
 * A fake `vscode` module for unit tests: importing this file makes
 * `require('vscode')` return {@link vscodeFake}, whose configuration starts from the
 * defaults contributed in package.json and can be set per level (user, workspace).
 */

import * as fs from 'fs';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');

type Level = 'globalValue' | 'workspaceValue' | 'workspaceFolderValue';
interface Values {
    defaultValue?: unknown;
    globalValue?: unknown;
    workspaceValue?: unknown;
    workspaceFolderValue?: unknown;
}

const PACKAGE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown; scope?: string }> } };
};
export const CONTRIBUTED = PACKAGE.contributes.configuration.properties;

export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 };

class FakeUri {
    constructor(
        readonly scheme: string,
        readonly path: string,
    ) {}
    get fsPath(): string {
        return this.path;
    }
    toString(): string {
        return `${this.scheme}://${this.path}`;
    }
}

class EventEmitter<T> {
    private listeners: ((e: T) => void)[] = [];
    readonly event = (listener: (e: T) => void) => {
        this.listeners.push(listener);
        return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    };
    fire(e: T): void {
        this.listeners.forEach((l) => l(e));
    }
    dispose(): void {
        this.listeners = [];
    }
}

export const state = {
    values: new Map<string, Values>(),
    trusted: true,
    extensions: new Set<string>(),
    folders: [] as { uri: FakeUri; name: string; index: number }[],
    commands: [] as { id: string; args: unknown[] }[],
    messages: [] as string[],
    updates: [] as { key: string; value: unknown; target: number }[],
};

export function resetFake(): void {
    state.values = new Map(Object.entries(CONTRIBUTED).map(([key, p]) => [key, { defaultValue: p.default }]));
    state.trusted = true;
    state.extensions = new Set();
    state.folders = [];
    state.commands = [];
    state.messages = [];
    state.updates = [];
}

/** Set `pygloss.<key>` at one level (user settings by default). */
export function setSetting(key: string, value: unknown, level: Level = 'globalValue'): void {
    const full = `pygloss.${key}`;
    const values = state.values.get(full) ?? {};
    values[level] = value;
    state.values.set(full, values);
}

export function addFolder(fsPath: string): void {
    state.folders.push({ uri: new FakeUri('file', fsPath), name: path.basename(fsPath), index: state.folders.length });
}

function effective(v: Values | undefined): unknown {
    return v?.workspaceFolderValue ?? v?.workspaceValue ?? v?.globalValue ?? v?.defaultValue;
}

export const vscodeFake = {
    ConfigurationTarget,
    StatusBarAlignment: { Left: 1, Right: 2 },
    EventEmitter,
    ThemeColor: class {
        constructor(readonly id: string) {}
    },
    Uri: {
        from: (c: { scheme: string; path: string }) => new FakeUri(c.scheme, c.path),
        file: (p: string) => new FakeUri('file', p),
    },
    workspace: {
        getConfiguration(section: string) {
            const k = (key: string) => `${section}.${key}`;
            return {
                get: (key: string, fallback?: unknown) => effective(state.values.get(k(key))) ?? fallback,
                has: (key: string) => state.values.has(k(key)),
                inspect: (key: string) => ({ key: k(key), ...(state.values.get(k(key)) ?? {}) }),
                update: (key: string, value: unknown, target: number) => {
                    state.updates.push({ key: k(key), value, target });
                    const level: Level = target === ConfigurationTarget.Global ? 'globalValue' : 'workspaceValue';
                    const values = state.values.get(k(key)) ?? {};
                    values[level] = value;
                    state.values.set(k(key), values);
                    return Promise.resolve();
                },
            };
        },
        get workspaceFolders() {
            return state.folders.length > 0 ? state.folders : undefined;
        },
        get isTrusted() {
            return state.trusted;
        },
    },
    extensions: {
        getExtension: (id: string) => (state.extensions.has(id) ? { id } : undefined),
    },
    commands: {
        executeCommand: (id: string, ...args: unknown[]) => {
            state.commands.push({ id, args });
            return Promise.resolve(undefined);
        },
    },
    window: {
        showInformationMessage: (message: string) => {
            state.messages.push(message);
            return Promise.resolve(undefined);
        },
    },
};

const mod = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
};
const resolve = mod._resolveFilename;
mod._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeFake } as unknown as NodeJS.Module;
resetFake();
