// Opens every page of the built site (pygloss pages build) in Debian's headless Chromium
// through playwright-core, from file:// as a user who opened it from disk would:
// each page renders (its title heading, the style sheet, the search index, no script
// error), the search finds topics by a name they list and by a rule code, and
// screenshots of a rule page, a topic page and a search result are written.
// usage: node check.js <site-dir> <out-dir>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

const [site, out] = process.argv.slice(2).map((p) => path.resolve(p));
const RULE_PAGE = 'rules/pg101-mutable-default.html';
const TOPIC_PAGE = 'testing/mock-patch.html';

function pages(dir) {
    const found = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...pages(full));
        else if (entry.name.endsWith('.html')) found.push(full);
    }
    return found.sort();
}

const url = (relative) => pathToFileURL(path.join(site, relative)).href;

async function search(page, query, expected) {
    await page.goto(url('index.html'));
    await page.locator('#search').fill(query);
    const first = page.locator('#search-results li a').first();
    await first.waitFor({ state: 'visible', timeout: 5000 });
    const href = await first.getAttribute('href');
    if (!href.endsWith(expected)) {
        const all = await page.locator('#search-results li a').allInnerTexts();
        throw new Error(`search "${query}": first result ${href}, expected ${expected} (results: ${all.join(' | ')})`);
    }
    console.log(`pages: search "${query}" -> ${href} first`);
}

async function main() {
    fs.mkdirSync(out, { recursive: true });
    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    let ok = false;
    try {
        const all = pages(site);
        for (const file of all) {
            const relative = path.relative(site, file);
            await page.goto(pathToFileURL(file).href);
            const state = await page.evaluate(() => ({
                h1: (document.querySelector('main h1') || {}).textContent || '',
                styled: getComputedStyle(document.querySelector('header.top')).position === 'sticky',
                indexed: Array.isArray(window.PYGLOSS_SEARCH) ? window.PYGLOSS_SEARCH.length : 0,
            }));
            if (!state.h1.trim() || !state.styled || state.indexed === 0 || errors.length) {
                throw new Error(`${relative} did not render: ${JSON.stringify(state)} ${errors.join('; ')}`);
            }
        }
        console.log(`pages: all ${all.length} pages rendered (heading, style, search index, no script error)`);

        await page.goto(url(RULE_PAGE));
        await page.screenshot({ path: path.join(out, 'rule-page.png'), fullPage: false });
        await page.goto(url(TOPIC_PAGE));
        await page.screenshot({ path: path.join(out, 'topic-page.png'), fullPage: false });

        await search(page, 'PG302', 'rules/pg302-blocking-call-in-async.html');
        await search(page, 'mock.patch.object', TOPIC_PAGE);
        await page.screenshot({ path: path.join(out, 'search-result.png') });
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => u.href.endsWith(TOPIC_PAGE), { timeout: 5000 });
        console.log('pages: Enter opens the first result', TOPIC_PAGE);
        if (errors.length) throw new Error(errors.join('; '));
        ok = true;
    } catch (err) {
        console.error('pages: FAIL:', err.message);
        await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
    } finally {
        await browser.close();
    }
    console.log(`pages: screenshots in ${out}: ${fs.readdirSync(out).join(' ')}`);
    process.exit(ok ? 0 : 1);
}

main();
