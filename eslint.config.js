// Lint, including the one-way import direction of STYLE.md:
// config -> model -> sync/storage -> ui; server imports only config and model.
// Only src/sync/provider.ts imports y-websocket, only src/sync/local.ts imports y-indexeddb,
// only src/storage/dexie.ts imports dexie; one ui screen folder never imports another.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const screens = [
  'home',
  'kern',
  'join',
  'ideas',
  'berichten',
  'gemeente',
  'plein',
  'search',
  'info',
  'samen',
  'overzicht',
];
const wrappers = {
  'y-websocket': 'src/sync/provider.ts',
  'y-indexeddb': 'src/sync/local.ts',
  dexie: 'src/storage/dexie.ts',
};

/** One no-restricted-imports rule per zone (flat config keeps only the last one per file). */
function zone(files, forbidden, message, { wrapped = true } = {}) {
  const paths = wrapped
    ? Object.entries(wrappers)
        .filter(([, file]) => !files.includes(file))
        .map(([name, file]) => ({ name, message: `import ${name} only through ${file}` }))
    : [];
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: forbidden.length ? [{ group: forbidden, message }] : [] },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'node_modules',
      'data',
      'test-results',
      'coverage',
      'dev-dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  { files: ['src/ui/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  zone(['src/**'], [], ''),
  zone(
    ['src/config/**'],
    ['**/model/**', '**/sync/**', '**/storage/**', '**/ui/**', '**/server/**', 'react', 'yjs'],
    'config imports nothing of the app',
  ),
  zone(
    ['src/model/**'],
    [
      '**/sync/**',
      '**/storage/**',
      '**/ui/**',
      '**/server/**',
      'react',
      'react-dom',
      'dexie',
      'y-*',
    ],
    'model imports only yjs and config',
  ),
  zone(
    ['src/sync/**', 'src/storage/**'],
    ['**/ui/**', '**/server/**', 'react', 'react-dom'],
    'sync and storage never import ui or server',
  ),
  zone(
    ['src/sync/provider.ts', 'src/sync/local.ts', 'src/storage/dexie.ts'],
    ['**/ui/**', '**/server/**', 'react', 'react-dom'],
    'sync and storage never import ui or server',
    { wrapped: false },
  ),
  zone(['src/ui/**'], ['**/server/**'], 'ui never imports the server'),
  ...screens.map((screen) =>
    zone(
      [`src/ui/${screen}/**`],
      [
        '**/server/**',
        ...screens.filter((s) => s !== screen).flatMap((s) => [`../${s}/*`, `**/ui/${s}/**`]),
      ],
      'one screen folder never imports another (share through ui/shell or ui/hooks), nor the server',
    ),
  ),
  zone(
    ['server/**'],
    [
      '**/src/ui/**',
      '**/src/sync/**',
      '**/src/storage/**',
      'react',
      'react-dom',
      'dexie',
      'y-indexeddb',
      'y-websocket',
    ],
    'the server imports only config and model',
    { wrapped: false },
  ),
);
