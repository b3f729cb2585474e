import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdktf.out/', '.venv/', '.terraform.d/', 'coverage/', '.e2e/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The package index loads 2,000+ modules (seconds and gigabytes): import each resource from lib/<resource>.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-aws', message: 'Deep-import the resource: @cdktf/provider-aws/lib/<resource>.' },
            { name: '@cdktf/provider-aws/lib', message: 'Deep-import the resource: @cdktf/provider-aws/lib/<resource>.' },
          ],
          patterns: [{ group: ['@cdktf/provider-aws/lib/index*'], message: 'Deep-import the resource: @cdktf/provider-aws/lib/<resource>.' }],
        },
      ],
    },
  },
  {
    files: ['__tests__/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
