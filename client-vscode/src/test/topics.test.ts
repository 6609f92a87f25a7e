// Unit tests of src/common/topics.ts with the vscode API and the server faked.
import { resetFake, setSetting, state, ConfigurationTarget } from '../testing/vscode-fake';
import * as assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { isExplainResult, setMuted, TopicView } from '../common/topics';

describe('topics', () => {
    beforeEach(resetFake);

    test('isExplainResult accepts only a non-empty answer of the server', () => {
        assert.equal(isExplainResult({ topics: [{ id: 'mock-patch', title: 'T' }], markdown: '# T' }), true);
        assert.equal(isExplainResult({ topics: [], markdown: '' }), false);
        assert.equal(isExplainResult(null), false);
        assert.equal(isExplainResult('mock-patch'), false);
    });

    test('the view serves the Markdown under pygloss-topic:/<id>.md and opens its preview beside', async () => {
        const view = new TopicView();
        const changed: string[] = [];
        view.onDidChange((uri) => changed.push(uri.toString()));
        await view.show('mock-patch', '# unittest.mock.patch\n');
        assert.deepEqual(changed, ['pygloss-topic:///mock-patch.md']);
        assert.equal(state.commands.length, 1);
        assert.equal(state.commands[0].id, 'markdown.showPreviewToSide');
        const uri = state.commands[0].args[0] as Parameters<TopicView['provideTextDocumentContent']>[0];
        assert.equal(await view.provideTextDocumentContent(uri), '# unittest.mock.patch\n');
    });

    test('links to other topics open in the preview; a page not shown yet is loaded', async () => {
        const loaded: string[] = [];
        const view = new TopicView((id) => {
            loaded.push(id);
            return Promise.resolve(id === 'decorators' ? '# Decorators\n' : undefined);
        });
        await view.show('mock-patch', '# T\n\n- [Decorators](file:///c/pygloss/pages/k/decorators/decorators.html)\n');
        const uri = state.commands[0].args[0] as Parameters<TopicView['provideTextDocumentContent']>[0];
        assert.equal(await view.provideTextDocumentContent(uri), '# T\n\n- [Decorators](pygloss-topic:///decorators.md)\n');
        const other = { scheme: 'pygloss-topic', path: '/decorators.md' } as typeof uri;
        assert.equal(await view.provideTextDocumentContent(other), '# Decorators\n');
        const unknown = { scheme: 'pygloss-topic', path: '/nope.md' } as typeof uri;
        assert.match(await view.provideTextDocumentContent(unknown), /Nothing to show/);
        assert.deepEqual(loaded, ['decorators', 'nope']);
    });

    test('muting adds to the user setting, or to the workspace when that is where the list lives', async () => {
        setSetting('hover.mute', ['lambda']);
        await setMuted('mock-patch', true);
        assert.deepEqual(state.updates, [{ key: 'pygloss.hover.mute', value: ['lambda', 'mock-patch'], target: ConfigurationTarget.Global }]);
        resetFake();
        setSetting('hover.mute', ['mock-patch'], 'workspaceValue');
        await setMuted('mock-patch', false);
        assert.deepEqual(state.updates, [{ key: 'pygloss.hover.mute', value: [], target: ConfigurationTarget.Workspace }]);
    });
});
