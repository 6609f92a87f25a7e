/**
 * The one module (besides vscode-languageclient) that touches the `vscode` API.
 *
 * Everything else imports these small wrappers, so unit tests can replace the
 * `vscode` module with a fake (src/testing/vscode-fake.ts) and drive the logic
 * without an editor.  Keep this file free of logic: one call per function.
 */

import * as vscode from 'vscode';

export type Disposable = vscode.Disposable;
export type LogOutputChannel = vscode.LogOutputChannel;
export type StatusBarItem = vscode.StatusBarItem;
export type Uri = vscode.Uri;
export type TextEditor = vscode.TextEditor;
export type WorkspaceFolder = vscode.WorkspaceFolder;
export type ConfigurationChangeEvent = vscode.ConfigurationChangeEvent;
export type QuickPickItem = vscode.QuickPickItem;
export type TextDocumentContentProvider = vscode.TextDocumentContentProvider;
export type Diagnostic = vscode.Diagnostic;

export function getConfiguration(section: string, scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(section, scope);
}

export function onDidChangeConfiguration(listener: (e: vscode.ConfigurationChangeEvent) => unknown): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration(listener);
}

export function workspaceFolders(): readonly vscode.WorkspaceFolder[] {
    return vscode.workspace.workspaceFolders ?? [];
}

export function isTrusted(): boolean {
    return vscode.workspace.isTrusted;
}

export function onDidGrantWorkspaceTrust(listener: () => unknown): vscode.Disposable {
    return vscode.workspace.onDidGrantWorkspaceTrust(listener);
}

export function isExtensionInstalled(id: string): boolean {
    return vscode.extensions.getExtension(id) !== undefined;
}

export function createLogOutputChannel(name: string): vscode.LogOutputChannel {
    return vscode.window.createOutputChannel(name, { log: true });
}

export function createStatusBarItem(id: string, priority: number): vscode.StatusBarItem {
    return vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Right, priority);
}

export function themeColor(id: string): vscode.ThemeColor {
    return new vscode.ThemeColor(id);
}

export function registerCommand(id: string, run: (...args: unknown[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, run);
}

export function executeCommand<T = unknown>(id: string, ...args: unknown[]): Thenable<T> {
    return vscode.commands.executeCommand<T>(id, ...args);
}

export function showErrorMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
}

export function showWarningMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, ...actions);
}

export function showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
}

export function showQuickPick<T extends vscode.QuickPickItem>(
    items: T[] | Thenable<T[]>,
    options: vscode.QuickPickOptions,
): Thenable<T | undefined> {
    return vscode.window.showQuickPick(items, options);
}

export function activeTextEditor(): vscode.TextEditor | undefined {
    return vscode.window.activeTextEditor;
}

export function registerTextDocumentContentProvider(
    scheme: string,
    provider: vscode.TextDocumentContentProvider,
): vscode.Disposable {
    return vscode.workspace.registerTextDocumentContentProvider(scheme, provider);
}

export function topicUri(scheme: string, id: string): vscode.Uri {
    return vscode.Uri.from({ scheme, path: `/${id}.md` });
}

export function parseUri(value: string): vscode.Uri {
    return vscode.Uri.parse(value, true);
}

export function newEventEmitter<T>(): vscode.EventEmitter<T> {
    return new vscode.EventEmitter<T>();
}

export const ConfigurationTarget = {
    get global(): vscode.ConfigurationTarget {
        return vscode.ConfigurationTarget.Global;
    },
    get workspace(): vscode.ConfigurationTarget {
        return vscode.ConfigurationTarget.Workspace;
    },
};
