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
import { SHOW_TOPIC_COMMAND } from './common/links';
import { explainAtCursor, openTopic, showTopic, topicMarkdown, TopicView } from './common/topics';
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
    let pygloss: PyglossClient | undefined = undefined;
    const view = new TopicView((id) => (pygloss ? topicMarkdown(pygloss, id) : Promise.resolve(undefined)));
    pygloss = new PyglossClient(context.extensionPath, status, view);
    const running = pygloss;
    client = running;
    context.subscriptions.push(
        channel,
        status,
        view,
        registerTextDocumentContentProvider(TOPIC_SCHEME, view),
        registerCommand(COMMANDS.restart, () => running.restart('the restart command')),
        registerCommand(COMMANDS.showOutput, () => channel.show()),
        registerCommand(COMMANDS.explainAtCursor, guard('explain at cursor', () => explainAtCursor(running, view))),
        registerCommand(COMMANDS.openTopic, guard('open a topic', () => openTopic(running, view))),
        registerCommand(SHOW_TOPIC_COMMAND, (id) => guard('show a topic', () => showTopic(running, view, id))()),
        onDidChangeConfiguration((e) => running.onConfigurationChanged(e)),
        onDidGrantWorkspaceTrust(() => running.restart('the workspace is now trusted')),
    );
    try {
        const listener = await onDidChangePythonInterpreter(() => running.onPythonInterpreterChanged());
        if (listener) {
            context.subscriptions.push(listener);
        }
    } catch (err) {
        log.warn(`could not follow the Python extension's interpreter: ${String(err)}`);
    }
    void running.restart('activation');
}

export async function deactivate(): Promise<void> {
    await client?.dispose();
    client = undefined;
    log.resetLog();
}
