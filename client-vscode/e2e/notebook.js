// The notebook part of the end-to-end test: a real .ipynb in VS Code's notebook editor
// (code-server), driven in Debian's headless Chromium.  In a cell: the pygloss hover on
// @mock.patch (whose import is in an earlier cell), the PG101 squiggle and its
// Problems-panel entry, and the quick fix applied in the cell.  Screenshots nb-*.png.
// usage: node notebook.js <url> <out-dir> <workspace> <notebook>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { openFile, pointInLine, log } = require('./drive.js');

const [url, out, workspace, notebookFile] = process.argv.slice(2);
const SLOW = 90000;
let step = 0;

async function shot(page, name) {
    step += 1;
    const file = path.join(out, `nb-${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${path.basename(file)}`);
}

/** The rendered line of a notebook cell's editor that contains `text`. */
function cellLine(page, text) {
    return page.locator('.notebookOverlay .cell-editor-container .view-line', { hasText: text }).first();
}

async function hoverUntil(page, at, hover) {
    for (let attempt = 0; attempt < 25; attempt++) {
        // the server may still be starting: move away and back until the hover shows
        await page.mouse.move(at.x, at.y + 150);
        await page.mouse.move(at.x, at.y);
        await hover.first().waitFor({ state: 'visible', timeout: 4000 }).catch(() => {});
        if (await hover.first().isVisible().catch(() => false)) return;
    }
    await hover.first().waitFor({ state: 'visible', timeout: 5000 });
}

async function main() {
    const cells = JSON.parse(fs.readFileSync(path.join(workspace, notebookFile), 'utf8')).cells;
    const code = cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    const patched = code.find((t) => t.includes('@mock.patch('));
    const params = patched.match(/def \w+\(([^)]*)\)/)[1].split(',').map((p) => p.trim());
    const defaultLine = code.join('\n').split('\n').find((l) => /=\[\]/.test(l));
    const needle = defaultLine.match(/(\w+)=\[\]/)[0];
    const argument = defaultLine.match(/(\w+)=\[\]/)[1];

    const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let ok = false;
    try {
        await page.goto(url);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
        log('workbench loaded');

        // 1. the notebook opens in the notebook editor (not as JSON text)
        await openFile(page, notebookFile);
        await page.locator('.notebookOverlay .cell-list-container').first().waitFor({ timeout: 60000 });
        const decorator = cellLine(page, '@mock.patch("os.remove")');
        await decorator.waitFor({ timeout: 60000 });
        log('notebook editor open:', (await page.locator('.notebookOverlay .code-cell-row').count()), 'code cells');
        await shot(page, 'notebook-open');

        // 2. hover on @mock.patch in the last cell: its import is in the second cell
        await page.locator('.statusbar-item', { hasText: 'pygloss' }).first().waitFor({ timeout: SLOW });
        const at = await pointInLine(decorator, 'patch', 2);
        const hover = page.locator('.monaco-hover:visible', { hasText: 'mock.patch' });
        await hoverUntil(page, at, hover);
        const table = hover.first().locator('table');
        await table.first().waitFor({ timeout: 10000 });
        const tableText = await table.first().innerText();
        for (const p of params) {
            if (!tableText.includes(p)) throw new Error(`hover table lacks parameter ${p}: ${tableText}`);
        }
        log('NOTEBOOK HOVER:', (await hover.first().innerText()).replace(/\s+/g, ' ').slice(0, 300));
        await shot(page, 'hover-in-cell');

        // 3. PG101 in a cell: the squiggle, and the Problems panel naming the cell's problem
        await page.mouse.move(5, 450);
        const flagged = cellLine(page, needle);
        await flagged.waitFor({ timeout: 30000 });
        await page.locator('.notebookOverlay .cell-editor-container [class*="squiggly-"]').first().waitFor({ timeout: SLOW });
        await page.keyboard.press('Control+Shift+M');
        const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'PG101' });
        await problem.first().waitFor({ timeout: 30000 });
        log('NOTEBOOK PROBLEM:', (await problem.first().innerText()).replace(/\s+/g, ' '));
        const magic = page.locator('.markers-panel .monaco-list-row', { hasText: 'echo' });
        if (await magic.count()) throw new Error('a problem was reported on IPython syntax');
        await shot(page, 'diagnostic-in-cell');

        // 4. Ctrl+. on the default, in the cell: the fix is applied to the cell
        const fixAt = await pointInLine(flagged, needle, needle.length - 1);
        await page.mouse.click(fixAt.x, fixAt.y);
        await page.keyboard.press('Control+.');
        const rows = page.locator('.action-widget .monaco-list-row.action');
        await rows.first().waitFor({ timeout: 30000 });
        const titles = (await rows.allInnerTexts()).map((t) => t.trim());
        log('NOTEBOOK QUICK FIXES:', JSON.stringify(titles));
        const target = titles.findIndex((t) => !/^(Ignore|Explain) /.test(t));
        if (target < 0) throw new Error('no fix among the code actions');
        for (let i = 0; i < 10; i++) {
            const focused = (await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => '')).trim();
            if (focused === titles[target]) break;
            await page.keyboard.press('ArrowDown');
        }
        await shot(page, 'quick-fix-menu-in-cell');
        await page.keyboard.press('Enter');
        await cellLine(page, `${argument}=None`).waitFor({ timeout: 30000 });
        log(`NOTEBOOK QUICK FIX applied in the cell: ${argument}=[] became ${argument}=None`);
        await page.mouse.move(5, 450);
        await shot(page, 'quick-fix-applied-in-cell');
        ok = true;
    } catch (err) {
        console.error('e2e: notebook FAIL:', err.message);
        await page.screenshot({ path: path.join(out, 'nb-failure.png') }).catch(() => {});
    } finally {
        await browser.close();
    }
    process.exit(ok ? 0 : 1);
}

main().catch((err) => {
    console.error('e2e: notebook FAIL:', err);
    process.exit(1);
});
