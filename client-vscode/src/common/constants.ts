/**
 * Names and fixed values shared by the client modules (no vscode import here).
 */

export const EXTENSION_ID = 'pygloss.pygloss';
export const SERVER_ID = 'pygloss';
export const SERVER_NAME = 'pygloss';
export const CONFIG_SECTION = 'pygloss';

/** The oldest Python that can run the server (pyproject's requires-python). */
export const MIN_PYTHON: readonly [number, number] = [3, 11];

/** The Python extension, whose selected interpreter is used when present. */
export const PYTHON_EXTENSION_ID = 'ms-python.python';

/** Where `npm run package` installs the server and its dependencies. */
export const BUNDLED_LIBS = ['bundled', 'libs'] as const;

/** URI scheme of the rendered topics opened beside the editor. */
export const TOPIC_SCHEME = 'pygloss-topic';

/** Server commands (answered by `pygloss serve` through workspace/executeCommand). */
export const SERVER_COMMANDS = {
    explain: 'pygloss.explain',
    listTopics: 'pygloss.listTopics',
    /** Also a palette command: run without a topic id, the client asks which topic. */
    mute: 'pygloss.muteTopic',
} as const;

/**
 * Commands this extension registers (package.json also lists pygloss.muteTopic, which
 * the language client registers for the server; see server.ts's middleware).
 */
export const COMMANDS = {
    restart: 'pygloss.restart',
    showOutput: 'pygloss.showOutput',
    explainAtCursor: 'pygloss.explainAtCursor',
    openTopic: 'pygloss.openTopic',
} as const;

/** Settings whose change needs a new server process (they choose what runs). */
export const RESTART_SETTINGS = ['pygloss.interpreter', 'pygloss.importStrategy'] as const;

/**
 * Python documents pygloss attaches to: files, untitled buffers, and the Python cells of
 * notebooks of any type, saved or untitled (the server syncs them with
 * notebookDocument/* and reads a notebook's cells as one module).
 */
export const DOCUMENT_SELECTOR = [
    { scheme: 'file', language: 'python' },
    { scheme: 'untitled', language: 'python' },
    { notebook: '*', language: 'python' },
];
