/**
 * Entry point: activate wires the pieces together, deactivate stops the server.
 * All behaviour lives in ./common (and in the server).
 */

import type * as vscode from 'vscode';
import { COMMANDS, TOPIC_SCHEME } from './common/constants';
import * as log from './common/log';
import { onDidChangePythonInterpreter } from './common/python';
import { PyglossClient } from './common/server';
import { ServerStatus } from './common/status';
import { explainAtCursor, openTopic, TopicView } from './common/topics';
import {
    onDidChangeConfiguration,
    onDidGrantWorkspaceTrust,
    registerCommand,
    registerTextDocumentContentProvider,
    showErrorMessage,
} from './common/vscodeapi';

let client: PyglossClient | undefined;

function guard(name: string, run: () => Promise<void>): () => Promise<void> {
    return async () => {
        try {
            await run();
        } catch (err) {
            log.error(`${name}: ${String(err)}`);
            void showErrorMessage(`pygloss: ${name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
    };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const channel = log.logChannel();
    const status = new ServerStatus();
    const view = new TopicView();
    const pygloss = new PyglossClient(context.extensionPath, status, view);
    client = pygloss;
    context.subscriptions.push(
        channel,
        status,
        view,
        registerTextDocumentContentProvider(TOPIC_SCHEME, view),
        registerCommand(COMMANDS.restart, () => pygloss.restart('the restart command')),
        registerCommand(COMMANDS.showOutput, () => channel.show()),
        registerCommand(COMMANDS.explainAtCursor, guard('explain at cursor', () => explainAtCursor(pygloss, view))),
        registerCommand(COMMANDS.openTopic, guard('open a topic', () => openTopic(pygloss, view))),
        onDidChangeConfiguration((e) => pygloss.onConfigurationChanged(e)),
        onDidGrantWorkspaceTrust(() => pygloss.restart('the workspace is now trusted')),
    );
    try {
        const listener = await onDidChangePythonInterpreter(() => pygloss.onPythonInterpreterChanged());
        if (listener) {
            context.subscriptions.push(listener);
        }
    } catch (err) {
        log.warn(`could not follow the Python extension's interpreter: ${String(err)}`);
    }
    void pygloss.restart('activation');
}

export async function deactivate(): Promise<void> {
    await client?.dispose();
    client = undefined;
    log.resetLog();
}
