/**
 * The language client's lifecycle: choose and check the interpreter, start
 * `python -P -m pygloss serve`, pass settings, restart (serialised), stop.
 */

import {
    ExecuteCommandRequest,
    LanguageClient,
    RevealOutputChannelOn,
    State,
    type LanguageClientOptions,
    type ResponseError,
    type ServerOptions,
    type StaticFeature,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, DOCUMENT_SELECTOR, SERVER_COMMANDS, SERVER_ID, SERVER_NAME } from './constants';
import * as log from './log';
import {
    bundledLibs,
    checkProbe,
    chooseInterpreter,
    couldNotRun,
    describe,
    probeInterpreter,
    pythonExtensionInterpreter,
    serverLaunch,
} from './python';
import { SerialRestart } from './restart';
import { initializationOptions, needsRestart, pulledSettings, readSettings } from './settings';
import { ServerStatus } from './status';
import { rewriteTopicLinks, SHOW_TOPIC_COMMAND, showTopicLink, topicOfLink } from './links';
import { muteTopicFlow, type TopicView } from './topics';
import {
    isTrusted,
    parseUri,
    type Diagnostic,
    showErrorMessage,
    executeCommand,
    workspaceFolders,
    type ConfigurationChangeEvent,
    type Uri,
} from './vscodeapi';

/**
 * Tells the server this client shows `pygloss.explain`'s answer itself (a Markdown
 * preview beside the editor), so the server asks it to open nothing: a
 * `window/showDocument` of the page would open it externally (a browser tab, or
 * nothing where the browser is elsewhere) and take the focus from the workbench.
 */
const SHOWS_TOPICS: StaticFeature = {
    fillClientCapabilities(capabilities) {
        capabilities.experimental = { ...(capabilities.experimental as object | undefined), pygloss: { showTopic: true } };
    },
    initialize() {},
    getState: () => ({ kind: 'static' }),
    clear() {},
};

/** A diagnostic whose code links to a topic page opens the topic in the editor. */
function openTopicFromCode(diagnostic: Diagnostic): void {
    const code = diagnostic.code;
    if (typeof code !== 'object' || code === null) {
        return;
    }
    const id = topicOfLink(code.target.toString());
    if (id !== undefined) {
        diagnostic.code = { value: code.value, target: parseUri(showTopicLink(id)) };
    }
}

export class PyglossClient {
    private client: LanguageClient | undefined;
    private stopping = false;
    private lastShown = '';
    private readonly restarts = new SerialRestart(
        () => this.restartNow(),
        (err) => this.fail(`pygloss: restart failed: ${String(err)}`),
    );

    constructor(
        private readonly extensionPath: string,
        private readonly status: ServerStatus,
        private readonly topics: TopicView,
    ) {}

    restart(reason: string): Promise<void> {
        log.info(`(re)start requested: ${reason}`);
        return this.restarts.request();
    }

    /**
     * Settings that choose the program restart the server.  The others reach it by
     * itself: it registers for workspace/didChangeConfiguration and pulls
     * workspace/configuration, answered through the middleware below.
     */
    onConfigurationChanged(event: ConfigurationChangeEvent): void {
        if (needsRestart(event)) {
            void this.restart('a setting that chooses the server program changed');
        } else if (event.affectsConfiguration('pygloss')) {
            readSettings(workspaceFolders()[0]).problems.forEach((p) => log.warn(p));
        }
    }

    onPythonInterpreterChanged(): void {
        if (readSettings(workspaceFolders()[0]).settings.interpreter === '') {
            void this.restart('the Python extension selected another interpreter');
        }
    }

    /** Run a server command (`workspace/executeCommand`); the server must be running. */
    async command<T>(command: string, ...args: unknown[]): Promise<T> {
        const client = this.client;
        if (client === undefined || !client.isRunning()) {
            throw new Error('the pygloss server is not running (see "pygloss: Show the log")');
        }
        return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
    }

    private folderPath(scopeUri: string): string | undefined {
        return this.client?.protocol2CodeConverter.asUri(scopeUri).fsPath;
    }

    protocolUri(uri: Uri): string {
        return this.client ? this.client.code2ProtocolConverter.asUri(uri) : uri.toString();
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client === undefined) {
            return;
        }
        this.stopping = true;
        try {
            await client.dispose(3000);
        } catch (err) {
            log.warn(`stopping the server: ${String(err)}`);
        } finally {
            this.stopping = false;
        }
    }

    async dispose(): Promise<void> {
        await this.restarts.idle();
        await this.stop();
    }

    private async restartNow(): Promise<void> {
        await this.stop();
        this.status.set('starting', 'Starting the server…');
        const folder = workspaceFolders()[0];
        const { settings, problems } = readSettings(folder);
        problems.forEach((p) => log.warn(p));
        const interpreter = await chooseInterpreter(settings, isTrusted(), () => pythonExtensionInterpreter(folder?.uri));
        const launch = serverLaunch(interpreter, settings.importStrategy, this.extensionPath, process.env, folder?.uri.fsPath);
        let probe;
        try {
            probe = await probeInterpreter(launch);
        } catch (err) {
            return this.fail(couldNotRun(interpreter, err));
        }
        const problem = checkProbe(interpreter, probe, settings.importStrategy, bundledLibs(this.extensionPath));
        if (problem !== undefined) {
            return this.fail(problem);
        }
        const what = `pygloss ${probe.pyglossVersion ?? '?'} (${settings.importStrategy}: ${probe.pygloss}) on Python ${probe.version.join('.')} ${describe(interpreter)}`;
        log.info(`starting ${what}: ${launch.command} ${launch.args.join(' ')}`);
        const serverOptions: ServerOptions = { command: launch.command, args: launch.args, options: { env: launch.env, cwd: launch.cwd } };
        const client = new LanguageClient(SERVER_ID, SERVER_NAME, serverOptions, this.clientOptions());
        client.registerFeature(SHOWS_TOPICS);
        client.onDidChangeState((e) => {
            if (e.newState === State.Stopped && !this.stopping && this.client === client) {
                this.status.set('error', 'The server stopped; see the log.');
            } else if (e.newState === State.Running && this.client === client) {
                this.status.set('ready', what);
            }
        });
        this.client = client;
        try {
            await client.start();
            this.lastShown = '';
            this.status.set('ready', what);
        } catch (err) {
            this.fail(`The pygloss server failed to start: ${String(err)}`);
        }
    }

    private clientOptions(): LanguageClientOptions {
        return {
            documentSelector: DOCUMENT_SELECTOR,
            outputChannel: log.logChannel(),
            traceOutputChannel: log.logChannel(),
            revealOutputChannelOn: RevealOutputChannelOn.Never,
            initializationOptions: () => initializationOptions(readSettings(workspaceFolders()[0]).settings, isTrusted()),
            // "Learn more" links become command links (links.ts): trust that one command only
            markdown: { isTrusted: { enabledCommands: [SHOW_TOPIC_COMMAND] } },
            middleware: {
                // "Learn more" and the diagnostics' code links open the topic rendered
                // beside the editor (pygloss.showTopic), not a page's HTML source
                provideHover: async (document, position, token, next) => {
                    const hover = await next(document, position, token);
                    for (const part of hover?.contents ?? []) {
                        if (typeof part === 'object' && 'value' in part && typeof part.value === 'string') {
                            part.value = rewriteTopicLinks(part.value);
                        }
                    }
                    return hover;
                },
                handleDiagnostics: (uri, diagnostics, next) => {
                    diagnostics.forEach(openTopicFromCode);
                    next(uri, diagnostics);
                },
                provideDiagnostics: async (document, previousResultId, token, next) => {
                    const report = await next(document, previousResultId, token);
                    if (report && 'items' in report) {
                        report.items.forEach(openTopicFromCode);
                    }
                    return report;
                },
                provideWorkspaceDiagnostics: (resultIds, token, resultReporter, next) => {
                    const fix = (reports: readonly object[]) =>
                        reports.forEach((r) => {
                            if ('items' in r && Array.isArray(r.items)) {
                                (r.items as Diagnostic[]).forEach(openTopicFromCode);
                            }
                        });
                    return next(
                        resultIds,
                        token,
                        (chunk) => {
                            if (chunk) fix(chunk.items);
                            resultReporter(chunk);
                        },
                    );
                },
                // "Explain PGxxx" (a code action) runs pygloss.explain <topic>: show its
                // answer rendered beside the editor (the server, told by SHOWS_TOPICS
                // that this client does so, opens nothing itself)
                executeCommand: async (command, args, next) => {
                    if (command === SERVER_COMMANDS.mute && args.length === 0) {
                        // the palette's "pygloss: Mute a topic in hovers…": ask which one
                        return muteTopicFlow(this);
                    }
                    if (command !== SERVER_COMMANDS.explain) {
                        return (await next(command, args)) as unknown;
                    }
                    const result: unknown = await next(command, args);
                    await this.topics.showExplainResult(result);
                    return result;
                },
                workspace: {
                    configuration: async (params, token, next) => {
                        const values = (await next(params, token)) as unknown[] | ResponseError;
                        if (!Array.isArray(values)) {
                            return values;
                        }
                        return values.map((value: unknown, i) => {
                            const item = params.items[i];
                            const folder = item?.scopeUri ? this.folderPath(item.scopeUri) : workspaceFolders()[0]?.uri.fsPath;
                            return item?.section === CONFIG_SECTION ? pulledSettings(value, folder) : value;
                        });
                    },
                },
            },
        };
    }

    private fail(message: string): void {
        log.error(message);
        this.status.set('error', message);
        if (message !== this.lastShown) {
            this.lastShown = message;
            void showErrorMessage(message, 'Show Log').then((choice) => {
                if (choice === 'Show Log') {
                    void executeCommand('pygloss.showOutput');
                }
            });
        }
    }
}
