// Drives code-server (the real VS Code workbench) in Debian's headless Chromium with
// playwright-core, through the pygloss features a user sees; a screenshot per step.
// usage: node drive.js <url> <out-dir> <workspace> <mock-file> <pg101-file>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [url, out, workspace, mockFile, pg101File] = process.argv.slice(2);
const SLOW = 90000; // first start of the server, cold caches on a 2-core machine
let step = 0;

function log(...args) {
    console.log('e2e:', ...args);
}

async function shot(page, name) {
    step += 1;
    const file = path.join(out, `${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${path.basename(file)}`);
}

async function openFile(page, relative) {
    await page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20000 });
    await input.fill(relative);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relative) }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.locator(`.editor-group-container.active .tab.active[data-resource-name="${path.basename(relative)}"]`).waitFor({ timeout: 20000 });
}

function editorLine(page, text) {
    return page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
}

/** Centre of the character `index` of `needle` inside a rendered editor line. */
async function pointInLine(line, needle, index) {
    const text = (await line.innerText()).replace(/\u00a0/g, ' ');
    // a line just rendered (a notebook cell laid out again) may have no box yet
    let box = await line.boundingBox();
    for (let attempt = 0; !box && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        box = await line.boundingBox();
    }
    if (!box) {
        throw new Error(`the line holding ${needle} is not laid out: ${text}`);
    }
    const spans = line.locator('span > span');
    const count = await spans.count();
    let column = text.indexOf(needle) + index;
    // character width from the line's own rendering (monospace)
    let width = 0;
    for (let i = 0; i < count; i++) {
        const sbox = await spans.nth(i).boundingBox();
        const stext = await spans.nth(i).innerText();
        if (sbox && stext.length > 0) {
            width = sbox.width / stext.length;
            break;
        }
    }
    if (column < 0 || width === 0) {
        throw new Error(`cannot find ${needle} in line ${text}`);
    }
    return { x: box.x + (column + 0.5) * width, y: box.y + box.height / 2 };
}

function previewBody(page) {
    return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame').locator('body');
}

/** The topic opened beside the editor: a preview tab named after it, rendered (no front matter). */
async function expectTopicPreview(page, id, heading) {
    await page.locator('.tabs-container .tab', { hasText: id }).first().waitFor({ timeout: 30000 });
    const body = previewBody(page);
    await body.locator('h2', { hasText: heading }).first().waitFor({ timeout: 30000 });
    const text = await body.innerText();
    if (text.includes('+++') || /^id = "/m.test(text)) throw new Error(`the ${id} preview shows the topic file's front matter`);
    return text;
}

async function hoverAt(page, at, text) {
    const hover = page.locator('.monaco-hover:visible', { hasText: text });
    for (let attempt = 0; attempt < 20; attempt++) {
        // the server may still be starting: move away and back until the hover shows
        await page.mouse.move(at.x, at.y + 200);
        await page.mouse.move(at.x, at.y);
        await hover.first().waitFor({ state: 'visible', timeout: 4000 }).catch(() => {});
        if (await hover.first().isVisible().catch(() => false)) break;
    }
    await hover.first().waitFor({ state: 'visible', timeout: 5000 });
    return hover.first();
}

async function runCommand(page, title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 20000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
}

async function main() {
    const mockSource = fs.readFileSync(path.join(workspace, mockFile), 'utf8').split('\n');
    const pgSource = fs.readFileSync(path.join(workspace, pg101File), 'utf8').split('\n');
    const decorator = mockSource.find((l) => l.includes('@mock.patch(')).trim();
    const defIndex = mockSource.findIndex((l, i) => /^\s*(async\s+)?def /.test(l) && mockSource[i - 1].includes('@mock.patch('));
    const params = mockSource[defIndex].match(/\(([^)]*)\)/)[1].split(',').map((p) => p.trim()).filter((p) => p && p !== 'self');
    const pgLine = pgSource.find((l) => /^\s*def .*=\[\]/.test(l));
    const pgNeedle = pgLine.match(/(\w+)=\[\]/)[0];
    const pgArg = pgLine.match(/(\w+)=\[\]/)[1];

    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    let ok = false;
    try {
        await page.goto(url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'examples' }).first().waitFor({ timeout: 60000 });
        log('workbench loaded');

        // 1. hover on @mock.patch: the explanation with the computed parameter table
        await openFile(page, mockFile);
        const line = editorLine(page, decorator.replace(/\s+/g, ''));
        await line.waitFor({ timeout: 30000 });
        await page.locator('.statusbar-item', { hasText: 'pygloss' }).first().waitFor({ timeout: SLOW });
        const at = await pointInLine(line, 'patch', 2);
        const hover = page.locator('.monaco-hover:visible', { hasText: 'mock.patch' });
        for (let attempt = 0; attempt < 20; attempt++) {
            // the server may still be starting: move away and back until the hover shows
            await page.mouse.move(at.x, at.y + 200);
            await page.mouse.move(at.x, at.y);
            if (await hover.first().isVisible().catch(() => false)) break;
            await hover.first().waitFor({ state: 'visible', timeout: 4000 }).catch(() => {});
            if (await hover.first().isVisible().catch(() => false)) break;
        }
        await hover.first().waitFor({ state: 'visible', timeout: 5000 });
        const table = hover.first().locator('table');
        await table.first().waitFor({ timeout: 10000 });
        const tableText = await table.first().innerText();
        for (const p of params) {
            if (!tableText.includes(p)) throw new Error(`hover table lacks parameter ${p}: ${tableText}`);
        }
        log('HOVER:', (await hover.first().innerText()).replace(/\s+/g, ' ').slice(0, 300));
        await shot(page, 'hover-mock-patch');

        // 2. pygloss: Explain at cursor -> the full topic, rendered beside the editor
        await page.mouse.click(at.x, at.y);
        await page.keyboard.press('Escape');
        await runCommand(page, 'pygloss: Explain at cursor');
        const tab = page.locator('.tabs-container .tab', { hasText: 'mock-patch' });
        await tab.first().waitFor({ timeout: 30000 });
        const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
        await preview.locator('table').first().waitFor({ timeout: 30000 });
        const previewText = await preview.innerText();
        for (const p of params) {
            if (!previewText.includes(p)) throw new Error(`explanation lacks parameter ${p}`);
        }
        if (!/## |Example|Pitfall/.test(previewText) && !(await preview.locator('h2').count())) {
            throw new Error('the explanation has no topic sections');
        }
        log('EXPLAIN: preview tab', (await tab.first().innerText()).trim(), '-', previewText.replace(/\s+/g, ' ').slice(0, 200));
        await shot(page, 'explain-at-cursor');

        // 3. PG101: the squiggle and its Problems-panel entry
        await page.mouse.click(600, 790); // the editor's empty end: keys go to the workbench, not the preview
        await runCommand(page, 'View: Close All Editor Groups');
        await openFile(page, pg101File);
        const pg = editorLine(page, pgNeedle);
        await pg.waitFor({ timeout: 30000 });
        await page.locator('.editor-group-container.active .monaco-editor [class*="squiggly-"]').first().waitFor({ timeout: SLOW });
        await page.keyboard.press('Control+Shift+M');
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'PG101' });
        await problem.first().waitFor({ timeout: 30000 });
        log('PROBLEM:', (await problem.first().innerText()).replace(/\s+/g, ' '));
        await shot(page, 'pg101-squiggle-and-problem');

        // 4. Ctrl+. on the default: the quick fix, applied to the buffer
        const fixAt = await pointInLine(pg, pgNeedle, pgNeedle.length - 1);
        await page.mouse.click(fixAt.x, fixAt.y);
        await page.keyboard.press('Control+.');
        const rows = page.locator('.action-widget .monaco-list-row.action');
        await rows.first().waitFor({ timeout: 30000 });
        const titles = (await rows.allInnerTexts()).map((t) => t.trim());
        log('QUICK FIXES:', JSON.stringify(titles));
        const target = titles.findIndex((t) => !/^(Ignore|Explain) /.test(t));
        if (target < 0) throw new Error('no fix among the code actions');
        for (let i = 0; i < 10; i++) {
            const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '')).trim();
            if (focused === titles[target]) break;
            await page.keyboard.press('ArrowDown');
        }
        await shot(page, 'quick-fix-menu');
        await page.keyboard.press('Enter');
        await editorLine(page, `${pgArg}=None`).waitFor({ timeout: 30000 });
        log(`QUICK FIX applied: ${pgArg}=[] became ${pgArg}=None`);
        await page.mouse.move(5, 400);
        await shot(page, 'quick-fix-applied');

        // 5. a hover on a flagged range (the @mock.patch without autospec, PG206): the
        // rule's why and its page first; then "Learn more" opens the topic rendered
        // beside the editor (a Markdown preview of its page, no front matter)
        await runCommand(page, 'View: Close All Editor Groups');
        await openFile(page, mockFile);
        await line.waitFor({ timeout: 30000 });
        const flagged = await hoverAt(page, await pointInLine(line, 'patch', 2), 'PG206 —');
        const flaggedText = (await flagged.innerText()).replace(/\s+/g, ' ');
        if (!/^PG206 — .+ PG206 patch\(\) without autospec/.test(flaggedText.replace(/^.*?(PG206 —)/, '$1'))) {
            throw new Error(`the flagged hover lacks the why and the rule page link: ${flaggedText.slice(0, 300)}`);
        }
        log('HOVER ON FLAGGED RANGE:', flaggedText.slice(0, 240));
        await shot(page, 'hover-flagged-why');
        await flagged.locator('a', { hasText: 'Learn more' }).first().click();
        const learned = await expectTopicPreview(page, 'mock-patch', 'Names');
        log('LEARN MORE: rendered topic', learned.replace(/\s+/g, ' ').slice(0, 160));
        await shot(page, 'learn-more-rendered-topic');

        // 6. "Mute a topic…" where there is nothing to explain: it asks which topic
        // (no "nothing to explain" message), the topics in the order shown
        await page.mouse.click(600, 790);
        await runCommand(page, 'View: Close All Editor Groups');
        await openFile(page, 'reminders.py');
        await editorLine(page, 'import json').waitFor({ timeout: 30000 });
        await page.keyboard.press('Control+Home');
        await page.keyboard.press('ArrowDown'); // line 2: blank
        await page.locator('.statusbar-item', { hasText: 'Ln 2, Col 1' }).first().waitFor({ timeout: 10000 });
        await runCommand(page, 'pygloss: Mute a topic in hovers…');
        await page.locator('.quick-input-widget', { hasText: 'stop explaining a topic on hover' }).first().waitFor({ timeout: 30000 });
        const topicRows = page.locator('.quick-input-list .monaco-list-row');
        await topicRows.nth(2).waitFor({ timeout: 30000 });
        const shownTopics = (await topicRows.allInnerTexts()).map((t) => t.split('\n')[0].trim());
        if (shownTopics.some((t) => t.includes('`'))) throw new Error(`backticks in the picker: ${shownTopics}`);
        if (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'At the cursor' }).count()) {
            throw new Error('topics "at the cursor" on a blank line');
        }
        const toasts = await page.locator('.notification-toast').allInnerTexts();
        if (toasts.some((t) => /nothing to explain|unknown topic/i.test(t))) throw new Error(`a message instead of the picker: ${toasts}`);
        log('MUTE WITH NOTHING AT THE CURSOR: picker of', shownTopics.slice(0, 4).join(' | '));
        await shot(page, 'mute-asks-which-topic');
        await page.keyboard.press('Escape');

        // 7. PG302's fix (time.sleep in async def): `import asyncio` lands with the
        // standard library imports, in order, and `import time`, now unused, goes
        const sleep = editorLine(page, 'time.sleep(1)');
        await page.locator('.editor-group-container.active .monaco-editor [class*="squiggly-"]').first().waitFor({ timeout: SLOW });
        const sleepAt = await pointInLine(sleep, 'time.sleep', 3);
        await page.mouse.click(sleepAt.x, sleepAt.y);
        await page.keyboard.press('Control+.');
        const fixRows = page.locator('.action-widget .monaco-list-row.action');
        await fixRows.first().waitFor({ timeout: 30000 });
        const fixTitles = (await fixRows.allInnerTexts()).map((t) => t.trim());
        log('QUICK FIXES:', JSON.stringify(fixTitles));
        const sleepFix = fixTitles.findIndex((t) => !/^(Ignore|Explain) /.test(t));
        if (sleepFix < 0) throw new Error(`no PG302 fix offered: ${fixTitles}`);
        if (fixTitles.some((t) => t.includes('`'))) throw new Error(`backticks in a quick-fix title: ${fixTitles}`);
        for (let i = 0; i < 10; i++) {
            const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '')).trim();
            if (focused === fixTitles[sleepFix]) break;
            await page.keyboard.press('ArrowDown');
        }
        await page.keyboard.press('Enter');
        await editorLine(page, 'await asyncio.sleep(1)').waitFor({ timeout: 30000 });
        // the rendered lines, in the order they are shown (by their top offset)
        const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate((el) =>
            Array.from(el.querySelectorAll('.view-line'))
                .map((line) => [parseFloat(line.style.top) || 0, line.textContent.replace(/\u00a0/g, ' ').trimEnd()])
                .sort((a, b) => a[0] - b[0])
                .map((pair) => pair[1]),
        );
        const imports = lines.filter((t) => /^(import|from) /.test(t));
        const expected = ['import asyncio', 'import json', 'from pathlib import Path', 'import httpx'];
        if (JSON.stringify(imports) !== JSON.stringify(expected)) throw new Error(`imports after the fix: ${JSON.stringify(imports)}`);
        log('IMPORTS AFTER THE FIX:', imports.join(' | '));
        await page.mouse.move(5, 400);
        await shot(page, 'fix-adds-import-in-its-section');
        ok = true;
    } catch (err) {
        console.error('e2e: FAIL:', err.message);
        await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
    } finally {
        await browser.close();
    }
    process.exit(ok ? 0 : 1);
}

// notebook.js reuses the helpers; the file steps run only when this file is the script
module.exports = { log, openFile, pointInLine };
if (require.main === module) {
    main().catch((err) => {
        console.error('e2e: FAIL:', err);
        process.exit(1);
    });
}
