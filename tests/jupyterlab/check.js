// A notebook in a real JupyterLab with jupyterlab-lsp and pygloss (set up by run.sh as
// docs/editors.md says), in Debian's headless Chromium: the PG101 underline is the only
// diagnostic in the notebook (nothing on the magics) and its tooltip is pygloss's; the
// hover on @mock.patch, whose import is two cells up, is pygloss's, with the user's
// notes added by the documented serverSettings.  Screenshots in <out-dir>.
// usage: node check.js <notebook-url> <out-dir>
'use strict';
const path = require('node:path');
const { chromium } = require('playwright-core');

const [url, out] = process.argv.slice(2);
const SLOW = 90000;
const log = (message) => console.log(`[jupyterlab] ${message}`);

/** Centre of the first occurrence of `needle` (from `skip` characters in) in a cell line. */
async function textPoint(page, lineText, needle, skip = 0) {
    const line = page.locator('.jp-Cell .cm-line', { hasText: lineText }).first();
    const point = await line.evaluate((element, [word, from]) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at + from);
            range.setEnd(node, at + from + 1);
            const box = range.getBoundingClientRect();
            return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
        return null;
    }, [needle, skip]);
    if (!point) throw new Error(`no "${needle}" in the line with "${lineText}"`);
    return point;
}

/** Move onto `point` (away and back, the server may still be starting) until `popup` shows. */
async function hoverUntil(page, point, popup) {
    for (let attempt = 0; attempt < 20; attempt++) {
        await page.mouse.move(point.x, point.y + 80);
        await page.mouse.move(point.x, point.y, { steps: 4 });
        if (await popup.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) {
            return (await popup.first().innerText()).trim();
        }
    }
    throw new Error(`no ${popup} at ${JSON.stringify(point)}`);
}

async function main() {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
        await page.goto(url);
        await page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: SLOW });
        await page.locator('.jp-Cell .cm-line', { hasText: 'remember?' }).waitFor({ timeout: SLOW });
        log('notebook open');

        const warning = page.locator('.jp-Cell .cm-lintRange-warning');
        await warning.first().waitFor({ timeout: SLOW });
        const ranges = await page.locator('.jp-Cell .cm-lintRange').allInnerTexts();
        log(`underlined in the notebook: ${JSON.stringify(ranges)}`);
        if (ranges.length !== 1 || ranges[0] !== '[]') {
            throw new Error(`expected one underline, on [], got ${JSON.stringify(ranges)}`);
        }
        const lint = await hoverUntil(page, await textPoint(page, 'seen=', '['), page.locator('.cm-tooltip-lint'));
        log(`diagnostic tooltip: ${lint.replace(/\s+/g, ' ')}`);
        // CodeMirror's lint tooltip shows the message and the source, not the code
        if (!lint.startsWith('Mutable default [] for seen') || !lint.endsWith('pygloss')) {
            throw new Error(`not pygloss's PG101: ${lint}`);
        }
        await page.screenshot({ path: path.join(out, 'jupyterlab-diagnostic.png') });

        await page.mouse.move(5, 790);
        const hover = await hoverUntil(page, await textPoint(page, '@mock.patch', 'patch', 2), page.locator('.lsp-hover'));
        log(`hover: ${hover.replace(/\s+/g, ' ').slice(0, 400)}`);
        for (const expected of ['unittest.mock.patch', 'From your notes', 'Patching in tests']) {
            if (!hover.includes(expected)) throw new Error(`hover without "${expected}": ${hover}`);
        }
        await page.screenshot({ path: path.join(out, 'jupyterlab-hover.png') });
        log('passed');
    } catch (error) {
        await page.screenshot({ path: path.join(out, 'failure.png') }).catch(() => {});
        throw error;
    } finally {
        await browser.close();
    }
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
