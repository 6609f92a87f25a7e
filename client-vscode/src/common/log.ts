/**
 * The single "pygloss" LogOutputChannel: the client's own messages and, through
 * vscode-languageclient, the server's window/logMessage, stderr and traces.
 */

import { createLogOutputChannel, type LogOutputChannel } from './vscodeapi';
import { SERVER_NAME } from './constants';

let channel: LogOutputChannel | undefined;

export function logChannel(): LogOutputChannel {
    channel ??= createLogOutputChannel(SERVER_NAME);
    return channel;
}

export function info(message: string): void {
    logChannel().info(message);
}

export function warn(message: string): void {
    logChannel().warn(message);
}

export function error(message: string): void {
    logChannel().error(message);
}

/** Forget the channel (tests, and deactivate after it was disposed). */
export function resetLog(): void {
    channel = undefined;
}
