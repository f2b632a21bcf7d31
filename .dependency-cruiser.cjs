/**
 * The walls of docs/ARCHITECTURE.md, checked by `npm run lint` (depcruise).
 * Type-only imports count: a module that imports a server type still depends on
 * server. Tests of a module may import that module's internals (same folder);
 * the harness in test/ is outside the walls.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'platform/ is infrastructure: it never imports a module (ADR 0005).',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-server-below',
      comment: 'platform/ and modules/ never import server/; server passes them what they need.',
      severity: 'error',
      from: { path: '^src/(platform|modules)/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'module-public-entry',
      comment: "A module reaches another only through that module's index.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-web',
      comment: 'Nothing outside src/web imports the browser apps.',
      severity: 'error',
      from: { pathNot: '^src/web/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-imports-no-server-code',
      comment:
        'The browser apps use only their own code and the generated API types (src/web/shared/api-schema.d.ts).',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^(src/(?!web/)|test/|scripts/|bench/)' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a broken wall check; fix the import.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)(node_modules|dist|data|coverage|\\.test-data)/', '^test/fixtures/walls/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.d.ts', '.js'] },
    },
  },
};
