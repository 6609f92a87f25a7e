/**
 * Links to knowledge topics, opened in the editor instead of elsewhere.
 *
 * The server links "Learn more" (hovers) and each diagnostic's code (PG101) to the
 * topic's page: the published site (`pygloss.pages.url`), the site it built in the
 * user's cache (`…/pygloss/pages/<key>/<area>/<id>.html`), or the topic's Markdown
 * file (`…/knowledge/<area>/<id>.md`).  VS Code would open a `file:` page as HTML
 * source and the topic file with its front matter, so these links are turned into
 * `command:pygloss.showTopic?["<id>"]`, which shows the topic rendered in a Markdown
 * preview.  Links to a published site (http) are kept: a browser renders them.
 * No vscode import here: the functions are unit-tested on strings.
 */

export const SHOW_TOPIC_COMMAND = 'pygloss.showTopic';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** The topic id a link opens, when it is a pygloss topic link VS Code cannot render. */
export function topicOfLink(link: string): string | undefined {
    let url: URL;
    try {
        url = new URL(link);
    } catch {
        return undefined;
    }
    if (url.protocol !== 'file:') {
        return undefined;
    }
    const parts = decodeURIComponent(url.pathname).split('/');
    const file = parts[parts.length - 1] ?? '';
    const inPages = parts.some((p, i) => p === 'pygloss' && parts[i + 1] === 'pages');
    const inKnowledge = parts.includes('knowledge');
    let id: string | undefined;
    if (inPages && file.endsWith('.html')) {
        id = file.slice(0, -'.html'.length);
    } else if (inKnowledge && file.endsWith('.md')) {
        id = file.slice(0, -'.md'.length);
    }
    return id !== undefined && ID.test(id) && id !== 'index' && id !== 'rules' ? id : undefined;
}

export function showTopicLink(id: string): string {
    return `command:${SHOW_TOPIC_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`;
}

const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

/**
 * *markdown* with every topic link replaced by *to(id)*: the show-topic command link
 * by default (hovers), or a `pygloss-topic:` document (inside a topic's preview).
 */
export function rewriteTopicLinks(markdown: string, to: (id: string) => string = showTopicLink): string {
    return markdown.replace(MARKDOWN_LINK, (whole, target: string) => {
        const id = topicOfLink(target);
        return id === undefined ? whole : `](${to(id)})`;
    });
}
