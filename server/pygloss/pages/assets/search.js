// Offline search over window.PYGLOSS_SEARCH (search-index.js): no server, no fetch,
// so it works from file:// too.  Every word typed must match somewhere in a topic;
// a topic ranks higher when a word is one of the names it explains, then in its
// title, id or rule codes, then in its summary, then in its text.
'use strict';
(function () {
    const MAX = 12;

    function score(entry, word) {
        const names = entry.names.map((n) => n.toLowerCase());
        if (names.some((n) => n === word || n.endsWith('.' + word))) return 100;
        if (entry.rules.some((r) => r.toLowerCase() === word)) return 90;
        if (entry.title.toLowerCase().includes(word)) return 60;
        if (names.some((n) => n.includes(word))) return 50;
        if (entry.id.includes(word)) return 40;
        if (entry.summary.toLowerCase().includes(word)) return 20;
        if (entry.text.toLowerCase().includes(word)) return 5;
        return 0;
    }

    function search(query) {
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        if (words.length === 0) return [];
        const found = [];
        for (const entry of window.PYGLOSS_SEARCH || []) {
            let total = 0;
            for (const word of words) {
                const s = score(entry, word);
                if (s === 0) {
                    total = 0;
                    break;
                }
                total += s;
            }
            if (total > 0) found.push([total, entry]);
        }
        found.sort((a, b) => b[0] - a[0] || a[1].title.localeCompare(b[1].title));
        return found.slice(0, MAX).map((f) => f[1]);
    }

    function show(list, root, results) {
        list.replaceChildren();
        for (const entry of results) {
            const item = document.createElement('li');
            const link = document.createElement('a');
            link.href = root + entry.url;
            link.textContent = entry.title;
            const where = document.createElement('span');
            where.className = 'area';
            where.textContent = entry.area;
            const gist = document.createElement('span');
            gist.className = 'gist';
            gist.textContent = entry.summary;
            item.append(link, where, gist);
            list.append(item);
        }
        if (results.length === 0) {
            const item = document.createElement('li');
            item.className = 'none';
            item.textContent = 'No topic matches every word.';
            list.append(item);
        }
        list.hidden = false;
    }

    document.addEventListener('DOMContentLoaded', () => {
        const input = document.getElementById('search');
        const list = document.getElementById('search-results');
        const root = document.body.dataset.root || '';
        if (!input || !list) return;
        const run = () => {
            if (input.value.trim() === '') {
                list.hidden = true;
                return;
            }
            show(list, root, search(input.value));
        };
        input.addEventListener('input', run);
        input.addEventListener('keydown', (e) => {
            if (e.key === 'Escape') {
                input.value = '';
                list.hidden = true;
            } else if (e.key === 'Enter') {
                const first = list.querySelector('a');
                if (first) window.location.href = first.href;
            }
        });
        const query = new URLSearchParams(window.location.search).get('q');
        if (query) {
            input.value = query;
            run();
        }
    });
})();
