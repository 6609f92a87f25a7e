// eslint flat config: the recommended and type-aware rules of typescript-eslint.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'out/**', 'bundled/**', 'node_modules/**', 'e2e/node_modules/**', 'e2e/test-output/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        rules: {
            '@typescript-eslint/no-floating-promises': 'error',
            '@typescript-eslint/explicit-module-boundary-types': 'off',
            eqeqeq: 'error',
            '@typescript-eslint/no-restricted-imports': [
                'error',
                {
                    paths: [{ name: 'vscode', message: 'Use src/common/vscodeapi.ts (type-only imports are fine).', allowTypeImports: true }],
                },
            ],
        },
    },
    {
        // node:test's describe() and test() return promises the runner itself awaits
        files: ['src/test/**'],
        rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
    {
        files: ['src/common/vscodeapi.ts', 'src/testing/**'],
        rules: { '@typescript-eslint/no-restricted-imports': 'off' },
    },
);
