/**
 * Knowledge topics in the editor: "Explain at cursor", "Open a topic…", "Mute a topic…",
 * and the read-only `pygloss-topic:` documents they open as a Markdown preview beside
 * the editor.  The Markdown comes from the server (`pygloss.explain`, `pygloss.listTopics`).
 */

import { CONFIG_SECTION, SERVER_COMMANDS, TOPIC_SCHEME } from './constants';
import { rewriteTopicLinks } from './links';
import * as log from './log';
import {
    ConfigurationTarget,
    activeTextEditor,
    executeCommand,
    getConfiguration,
    newEventEmitter,
    showInformationMessage,
    showQuickPick,
    topicUri,
    type QuickPickItem,
    type TextDocumentContentProvider,
    type TextEditor,
    type Uri,
} from './vscodeapi';

export interface TopicRef {
    id: string;
    title: string;
}

export interface TopicInfo extends TopicRef {
    summary: string;
    area: string;
}

export interface ExplainResult {
    topics: TopicRef[];
    markdown: string;
}

/** What the commands need from the running client. */
export interface ServerCommands {
    command<T>(command: string, ...args: unknown[]): Promise<T>;
    protocolUri(uri: Uri): string;
}

export function isExplainResult(value: unknown): value is ExplainResult {
    const v = value as ExplainResult | null;
    return (
        typeof v === 'object' &&
        v !== null &&
        Array.isArray(v.topics) &&
        v.topics.length > 0 &&
        typeof v.topics[0].id === 'string' &&
        typeof v.markdown === 'string'
    );
}

const NOTHING = '# Nothing to show\n\nRun **pygloss: Open a topic…** again.\n';

/**
 * Rendered topics, served read-only under `pygloss-topic:/<id>.md`.  Links to other
 * topics become `pygloss-topic:` links too, so the preview follows them (a page not
 * shown yet is asked from the server through *load*).
 */
export class TopicView implements TextDocumentContentProvider {
    private readonly pages = new Map<string, string>();
    private readonly changed = newEventEmitter<Uri>();
    readonly onDidChange = this.changed.event;

    constructor(private readonly load?: (id: string) => Promise<string | undefined>) {}

    async provideTextDocumentContent(uri: Uri): Promise<string> {
        const known = this.pages.get(uri.path);
        if (known !== undefined) {
            return known;
        }
        const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
        const loaded = this.load ? await this.load(id).catch(() => undefined) : undefined;
        if (loaded === undefined) {
            return NOTHING;
        }
        const page = this.inPreview(loaded);
        this.pages.set(uri.path, page);
        return page;
    }

    private inPreview(markdown: string): string {
        return rewriteTopicLinks(markdown, (id) => topicUri(TOPIC_SCHEME, id).toString());
    }

    async showExplainResult(result: unknown): Promise<void> {
        if (isExplainResult(result)) {
            await this.show(result.topics[0].id, result.markdown);
        }
    }

    async show(id: string, markdown: string): Promise<void> {
        const uri = topicUri(TOPIC_SCHEME, id);
        this.pages.set(uri.path, this.inPreview(markdown));
        this.changed.fire(uri);
        await executeCommand('markdown.showPreviewToSide', uri);
    }

    dispose(): void {
        this.changed.dispose();
    }
}

async function topicsAtCursor(server: ServerCommands, editor: TextEditor): Promise<ExplainResult | null> {
    const at = editor.selection.active;
    const result = await server.command<unknown>(SERVER_COMMANDS.explain, {
        uri: server.protocolUri(editor.document.uri),
        position: { line: at.line, character: at.character },
    });
    return isExplainResult(result) ? result : null;
}

function pythonEditor(): TextEditor | undefined {
    const editor = activeTextEditor();
    return editor?.document.languageId === 'python' ? editor : undefined;
}

/**
 * What pygloss says about this code (with what it computed, e.g. the mock parameter
 * table), then the full topic.  When there is nothing to explain, the server says so.
 */
export async function explainAtCursor(server: ServerCommands, view: TopicView): Promise<void> {
    const editor = pythonEditor();
    if (editor === undefined) {
        void showInformationMessage('pygloss: put the cursor in a Python file first.');
        return;
    }
    const here = await topicsAtCursor(server, editor);
    if (here === null) {
        void showInformationMessage('pygloss: nothing to explain at the cursor.');
        return;
    }
    const id = here.topics[0].id;
    const topic = await server.command<unknown>(SERVER_COMMANDS.explain, id);
    const full = isExplainResult(topic) ? `\n\n---\n\n${topic.markdown}` : '';
    await view.show(id, `${here.markdown.trimEnd()}${full}`);
}

/** The Markdown of topic *id* (its page), from the server; undefined when unknown. */
export async function topicMarkdown(server: ServerCommands, id: string): Promise<string | undefined> {
    const result = await server.command<unknown>(SERVER_COMMANDS.explain, id);
    return isExplainResult(result) ? result.markdown : undefined;
}

/** `pygloss.showTopic <id>`: "Learn more" and the diagnostics' code links. */
export async function showTopic(server: ServerCommands, view: TopicView, id: unknown): Promise<void> {
    const markdown = typeof id === 'string' ? await topicMarkdown(server, id) : undefined;
    if (typeof id !== 'string' || markdown === undefined) {
        log.warn(`show topic: no topic ${String(id)}`);
        return;
    }
    await view.show(id, markdown);
}

interface TopicItem extends QuickPickItem {
    id?: string;
}

const SEPARATOR = -1; // QuickPickItemKind.Separator

function pickItems(all: TopicInfo[], first: TopicRef[], firstLabel: string): TopicItem[] {
    const firstIds = new Set(first.map((t) => t.id));
    const items: TopicItem[] = [];
    if (first.length > 0) {
        items.push({ label: firstLabel, kind: SEPARATOR });
        items.push(...first.map((t) => ({ id: t.id, label: t.title, description: t.id })));
        items.push({ label: 'All topics', kind: SEPARATOR });
    }
    for (const t of all) {
        if (!firstIds.has(t.id)) {
            items.push({ id: t.id, label: t.title, description: t.id, detail: t.summary });
        }
    }
    return items;
}

export async function openTopic(server: ServerCommands, view: TopicView): Promise<void> {
    const all = await server.command<TopicInfo[]>(SERVER_COMMANDS.listTopics);
    const picked = await showQuickPick(pickItems(all, [], ''), {
        title: 'pygloss: open a topic',
        placeHolder: 'Type to search the topics by title, id or summary',
        matchOnDescription: true,
        matchOnDetail: true,
    });
    if (picked?.id === undefined) {
        return;
    }
    const result = await server.command<unknown>(SERVER_COMMANDS.explain, picked.id);
    if (!isExplainResult(result)) {
        log.warn(`pygloss.explain ${picked.id} gave no topic`);
        return;
    }
    await view.show(picked.id, result.markdown);
}

export async function setMuted(id: string, muted: boolean): Promise<void> {
    const config = getConfiguration(CONFIG_SECTION);
    const current = config.get<string[]>('hover.mute') ?? [];
    const next = muted ? [...new Set([...current, id])] : current.filter((m) => m !== id);
    const inWorkspace = config.inspect<string[]>('hover.mute')?.workspaceValue !== undefined;
    await config.update('hover.mute', next, inWorkspace ? ConfigurationTarget.workspace : ConfigurationTarget.global);
}

/**
 * "pygloss: Mute a topic in hovers…": pick a topic (those at the cursor first, when
 * there are some: with nothing to explain at the cursor it simply asks which topic),
 * add it to `pygloss.hover.mute`.
 */
export async function muteTopicFlow(server: ServerCommands): Promise<string | undefined> {
    const editor = pythonEditor();
    const here = editor ? ((await topicsAtCursor(server, editor))?.topics ?? []) : [];
    const muted = new Set(getConfiguration(CONFIG_SECTION).get<string[]>('hover.mute') ?? []);
    const all = (await server.command<TopicInfo[]>(SERVER_COMMANDS.listTopics)).filter((t) => !muted.has(t.id));
    const picked = await showQuickPick(
        pickItems(
            all,
            here.filter((t) => !muted.has(t.id)),
            'At the cursor',
        ),
        { title: 'pygloss: stop explaining a topic on hover', placeHolder: 'Topic to mute' },
    );
    if (picked?.id === undefined) {
        return undefined;
    }
    const id = picked.id;
    await setMuted(id, true);
    void showInformationMessage(`pygloss will no longer explain "${picked.label}" on hover.`, 'Undo').then(async (undo) => {
        if (undo === 'Undo') {
            await setMuted(id, false);
        }
    });
    return id;
}
