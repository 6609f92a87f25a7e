// Unit tests of src/common/links.ts: which links become "show the topic" commands.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rewriteTopicLinks, showTopicLink, topicOfLink } from '../common/links';

describe('topic links', () => {
    test('pages built in the cache and topic files name their topic', () => {
        assert.equal(topicOfLink('file:///home/u/.cache/pygloss/pages/0.1.0-ab12/rules/pg101-mutable-default.html'), 'pg101-mutable-default');
        assert.equal(topicOfLink('file:///tmp/pygloss-pages-x/0.1.0-ab12/testing/mock-patch.html'), undefined);
        assert.equal(topicOfLink('file:///srv/venv/lib/pygloss/knowledge/testing/mock-patch.md'), 'mock-patch');
        assert.equal(topicOfLink('file:///C:/Users/u/AppData/pygloss/pages/k/async/async-await.html'), 'async-await');
    });

    test('other links are left alone', () => {
        assert.equal(topicOfLink('https://docs.python.org/3/library/unittest.mock.html'), undefined);
        assert.equal(topicOfLink('https://pygloss.example/testing/mock-patch.html'), undefined);
        assert.equal(topicOfLink('file:///home/u/notes/python-notes.md'), undefined);
        assert.equal(topicOfLink('file:///home/u/.cache/pygloss/pages/k/index.html'), undefined);
        assert.equal(topicOfLink('not a url'), undefined);
    });

    test('hover Markdown: "Learn more" opens the topic, the Python docs stay external', () => {
        const md =
            '**T**\n\n[Learn more](file:///c/pygloss/pages/k/testing/mock-patch.html) · ' +
            '[Python docs](https://docs.python.org/3/library/unittest.mock.html#unittest.mock.patch)';
        assert.equal(
            rewriteTopicLinks(md),
            '**T**\n\n[Learn more](command:pygloss.showTopic?%5B%22mock-patch%22%5D) · ' +
                '[Python docs](https://docs.python.org/3/library/unittest.mock.html#unittest.mock.patch)',
        );
        assert.equal(showTopicLink('pg101-mutable-default'), 'command:pygloss.showTopic?%5B%22pg101-mutable-default%22%5D');
    });
});
