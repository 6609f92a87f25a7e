// Secret scan of the files of our own that go into the .vsix, with vsce's own scanner
// (secretlint, the rules `vsce package` uses). `vsce package` then runs with
// --allow-package-all-secrets: its built-in scan of all ~6,000 files takes over 4 minutes,
// almost all of it on the third-party packages of bundled/libs, which are installed
// from PyPI pinned by hash (requirements-bundle.txt).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { lintFiles, prettyPrintLintResult } = require('@vscode/vsce/out/secretLint.js');

function walk(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

const files = ['dist/extension.js', 'package.json', 'README.md', 'LICENSE', ...walk('bundled/libs/pygloss')];
const result = await lintFiles(files, true, true);
if (!result.ok) {
    console.error(result.results.map(prettyPrintLintResult).join('\n'));
    process.exit(1);
}
console.log(`scan-secrets: no secrets in ${files.length} files`);
