// Unit tests of src/common/settings.ts with the vscode API faked.
import { addFolder, CONTRIBUTED, resetFake, setSetting } from '../testing/vscode-fake';
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { beforeEach, describe, test } from 'node:test';
import { expandVariables, initializationOptions, needsRestart, pulledSettings, readSettings, serverSettings } from '../common/settings';
import type { WorkspaceFolder } from '../common/vscodeapi';

const folder = () => readFolders()[0];
function readFolders(): WorkspaceFolder[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as { workspace: { workspaceFolders: WorkspaceFolder[] } }).workspace.workspaceFolders;
}

describe('package.json settings', () => {
    test('every setting the issue names is contributed with a description and a default', () => {
        const keys = [
            'notes', 'select', 'ignore', 'hover.verbosity', 'hover.mute', 'trace.server', 'interpreter', 'importStrategy',
            'pages.url',
        ].map((k) => `pygloss.${k}`);
        assert.deepEqual(Object.keys(CONTRIBUTED).sort(), keys.sort());
        for (const [key, p] of Object.entries(CONTRIBUTED)) {
            const described = p as { default?: unknown; markdownDescription?: string; description?: string };
            assert.ok(described.default !== undefined, `${key} has a default`);
            assert.ok((described.markdownDescription ?? described.description ?? '').length > 20, `${key} is described`);
        }
    });

    test('settings that choose the program are machine-scoped', () => {
        assert.equal(CONTRIBUTED['pygloss.interpreter'].scope, 'machine');
        assert.equal(CONTRIBUTED['pygloss.importStrategy'].scope, 'machine');
        assert.equal(CONTRIBUTED['pygloss.hover.mute'].scope, 'resource');
    });
});

describe('readSettings', () => {
    beforeEach(resetFake);

    test('defaults', () => {
        const { settings, problems } = readSettings();
        assert.deepEqual(settings, {
            interpreter: '',
            importStrategy: 'useBundled',
            notes: [],
            select: [],
            ignore: [],
            hover: { verbosity: 'normal', mute: [] },
            pagesUrl: '',
        });
        assert.deepEqual(problems, []);
    });

    test('user values are read and ${workspaceFolder} / ~ are expanded', () => {
        addFolder('/home/me/project');
        setSetting('interpreter', '${workspaceFolder}/.venv/bin/python');
        setSetting('notes', ['~/notes', '${workspaceFolder}/docs']);
        setSetting('select', ['PG1', ' ']);
        setSetting('hover.verbosity', 'full', 'workspaceValue');
        const { settings, problems } = readSettings(folder());
        assert.equal(settings.interpreter, '/home/me/project/.venv/bin/python');
        assert.deepEqual(settings.notes, [`${os.homedir()}/notes`, '/home/me/project/docs']);
        assert.deepEqual(settings.select, ['PG1']);
        assert.equal(settings.hover.verbosity, 'full');
        assert.deepEqual(problems, []);
    });

    test('a workspace can never choose the interpreter or the import strategy', () => {
        setSetting('interpreter', '/tmp/evil/python', 'workspaceValue');
        setSetting('importStrategy', 'fromEnvironment', 'workspaceFolderValue');
        const { settings } = readSettings();
        assert.equal(settings.interpreter, '');
        assert.equal(settings.importStrategy, 'useBundled');
        setSetting('interpreter', '/usr/bin/python3.12');
        assert.equal(readSettings().settings.interpreter, '/usr/bin/python3.12');
    });

    test('bad values fall back to the defaults with a message each', () => {
        setSetting('importStrategy', 'useWhatever');
        setSetting('hover.verbosity', 3);
        setSetting('ignore', 'PG101');
        setSetting('interpreter', 42);
        const { settings, problems } = readSettings();
        assert.equal(settings.importStrategy, 'useBundled');
        assert.equal(settings.hover.verbosity, 'normal');
        assert.deepEqual(settings.ignore, []);
        assert.equal(settings.interpreter, '');
        assert.deepEqual(problems, [
            '"pygloss.interpreter" must be a path (a string); ignored.',
            '"pygloss.importStrategy" must be one of useBundled, fromEnvironment; using "useBundled".',
            '"pygloss.ignore" must be a list of strings; ignored.',
            '"pygloss.hover.verbosity" must be one of brief, normal, full; using "normal".',
        ]);
    });
});

describe('serverSettings', () => {
    beforeEach(resetFake);

    test('defaults send only the hover options (empty lists would override pyproject.toml)', () => {
        assert.deepEqual(serverSettings(readSettings().settings), {
            pygloss: { hover: { verbosity: 'normal', mute: [] } },
        });
    });

    test('values are sent in the server keys, and never the interpreter or strategy', () => {
        setSetting('select', ['PG1']);
        setSetting('ignore', ['PG116']);
        setSetting('notes', ['/n']);
        setSetting('hover.mute', ['mock-patch']);
        setSetting('interpreter', '/usr/bin/python3');
        assert.deepEqual(serverSettings(readSettings().settings), {
            pygloss: {
                select: ['PG1'],
                ignore: ['PG116'],
                notes: ['/n'],
                hover: { verbosity: 'normal', mute: ['mock-patch'] },
            },
        });
    });
});

describe('initializationOptions', () => {
    beforeEach(resetFake);

    test('carry the settings and whether the workspace is trusted', () => {
        setSetting('notes', ['/n']);
        const settings = readSettings().settings;
        assert.deepEqual(initializationOptions(settings, false), { ...serverSettings(settings), workspaceTrusted: false });
        assert.equal(initializationOptions(settings, true).workspaceTrusted, true);
    });
});

describe('which changes restart the server', () => {
    const event = (...keys: string[]) => ({
        affectsConfiguration: (section: string) => keys.some((k) => k === section || k.startsWith(`${section}.`)),
    });

    test('interpreter and importStrategy restart the server; the others do not', () => {
        assert.equal(needsRestart(event('pygloss.interpreter', 'pygloss')), true);
        assert.equal(needsRestart(event('pygloss.importStrategy', 'pygloss')), true);
        assert.equal(needsRestart(event('pygloss.hover.mute', 'pygloss.hover', 'pygloss')), false);
        assert.equal(needsRestart(event('editor.fontSize', 'editor')), false);
    });

    test('expandVariables leaves unknown variables and plain commands alone', () => {
        assert.equal(expandVariables('python3'), 'python3');
        assert.equal(expandVariables('${env:PYG_TEST}/py', undefined, { PYG_TEST: '/opt' }), '/opt/py');
        assert.equal(expandVariables('${workspaceFolder}/py'), '${workspaceFolder}/py');
    });
});

describe('pulledSettings (the answer to the server\'s workspace/configuration)', () => {
    test('VS Code\'s full section loses the client keys and the empty lists', () => {
        const raw = {
            interpreter: '/usr/bin/python3',
            importStrategy: 'useBundled',
            trace: { server: 'off' },
            notes: [],
            select: [],
            ignore: ['PG116'],
            hover: { verbosity: 'normal', mute: [] },
            inlayHints: { enable: true },
        };
        assert.deepEqual(pulledSettings(raw, '/w'), {
            ignore: ['PG116'],
            hover: { verbosity: 'normal', mute: [] },
            inlayHints: { enable: true },
        });
    });

    test('notes paths are expanded for the folder asked about; other values pass through', () => {
        assert.deepEqual(pulledSettings({ notes: ['${workspaceFolder}/notes.md'] }, '/w'), { notes: ['/w/notes.md'] });
        assert.equal(pulledSettings(null), null);
        assert.deepEqual(pulledSettings(['x']), ['x']);
    });
});
