// The kit's layering, checked by dependency-cruiser (`npm run depcheck`, part of `npm test`) and
// drawn in docs/architecture.md (`npm run architecture`). Layers, low to high:
//
//   core → foundation → rules → runtime → suites → engine → outputs → front ends
//
// plus the mocks, a column of their own beside them. A module may import its own layer or a lower
// one, never a higher one. The rules apply to src/ only: tests, bench/ and scripts/ may import
// anything. Type-only imports count as well (tsPreCompilationDeps): they are arrows in the design.

/** Each layer's folders, as regular expressions over paths relative to the repository's root. */
const layer = {
  core: '^src/(core/|version[.]ts$)',
  foundation: '^(src/(spec|schema|validate|http|arbitraries)/|generated/)',
  rules: '^src/rules/',
  runtime: '^src/(cases|client|receiver|profile)/',
  suites: '^src/suites/',
  engine: '^src/(engine/|soak/|report/[^/]+$)',
  outputs: '^src/(report/render|output)/',
  // The front ends but the CLI: an import of src/cli/ is the rule `cli-only-from-cli`'s alone.
  // The package's entry points that are files: the root and `iot-sms-conformance/schema`.
  frontEnds: '^src/((vitest|pactum|matchers|proxy|library)/|(index|schema-entry)[.]ts$)',
};
const cli = '^src/cli/';
const mock = '^src/mock/';
const schemaEntry = '^src/schema-entry[.]ts$';
/** Node's built-in modules, as dependency-cruiser names them (`node:fs` is `fs`). */
const nodeBuiltIn = `^(node:)?(${require('node:module').builtinModules.join('|')})$`;

/** The rule that keeps the layer `from` from importing any of the layers `above` it. */
function layerRule(from, above) {
  return {
    name: `${from}-imports-no-layer-above`,
    severity: 'error',
    comment: `${from} imports its own layer or a lower one: a higher layer builds on it, never the reverse.`,
    from: { path: layer[from] },
    to: { path: above.map((l) => layer[l]) },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // 1. Layers: each layer's forbidden targets are the layers above it, listed.
    layerRule('core', ['foundation', 'rules', 'runtime', 'suites', 'engine', 'outputs', 'frontEnds']),
    layerRule('foundation', ['rules', 'runtime', 'suites', 'engine', 'outputs', 'frontEnds']),
    layerRule('rules', ['runtime', 'suites', 'engine', 'outputs', 'frontEnds']),
    layerRule('runtime', ['suites', 'engine', 'outputs', 'frontEnds']),
    layerRule('suites', ['engine', 'outputs', 'frontEnds']),
    layerRule('engine', ['outputs', 'frontEnds']),
    layerRule('outputs', ['frontEnds']),

    // 2. The CLI.
    {
      name: 'cli-only-from-cli',
      severity: 'error',
      comment:
        'The exit-code table and the flags belong to the CLI: lower layers raise KitErrors that name ' +
        'profile fields, and only the CLI maps them to exit codes and flags. No other module imports src/cli/.',
      from: { path: '^src/', pathNot: cli },
      to: { path: cli },
    },

    // 3. The mocks.
    {
      name: 'mock-only-from-front-ends',
      severity: 'error',
      comment:
        'The suites, the engine and everything below them reach the mocks only over HTTP, as they reach ' +
        'a real target; only a front end (the CLI, the vitest fixtures, the package root) imports a mock.',
      from: { path: '^src/', pathNot: [mock, cli, layer.frontEnds] },
      to: { path: mock },
    },
    {
      name: 'mock-imports-only-core-and-foundation',
      severity: 'error',
      comment:
        'A mock is a reference platform or customer endpoint built from the schemas and HTTP primitives ' +
        'alone: nothing of the cases, the suites or the engine, so it cannot agree with the kit by sharing its code.',
      from: { path: mock },
      to: { path: '^src/', pathNot: [mock, cli, layer.core, layer.foundation] },
    },

    // 4. Cycles.
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one (neither can be read, tested or moved alone) and hides which ' +
        'layer a module belongs to.',
      from: { path: '^src/' },
      to: { circular: true },
    },

    // 5. Test frameworks.
    {
      name: 'vitest-only-in-src-vitest',
      severity: 'error',
      comment:
        'vitest is an optional peer dependency: only the `iot-sms-conformance/vitest` entry point ' +
        '(src/vitest/) loads it, so the package root and the CLI run without it.',
      from: { path: '^src/', pathNot: '^src/vitest/' },
      to: { path: '^(node_modules/)?vitest([/]|$)' },
    },
    {
      name: 'no-pactum-in-src',
      severity: 'error',
      comment:
        'pactum is an optional peer dependency that the user passes in (registerPactumHandlers(pactum, ...)): ' +
        'no module of src/ imports it, not even its types.',
      from: { path: '^src/' },
      to: { path: '^(node_modules/)?pactum([/]|$)' },
    },

    // 6. The schema entry point.
    {
      name: 'schema-entry-reaches-no-node',
      severity: 'error',
      comment:
        '`iot-sms-conformance/schema` is for a browser or an edge function: no module it reaches, ' +
        'directly or through others, imports a Node built-in (test/schema-entry.test.ts bundles it for the browser).',
      from: { path: schemaEntry },
      to: { path: nodeBuiltIn, reachable: true },
    },
    {
      name: 'schema-entry-reaches-only-core-and-foundation',
      severity: 'error',
      comment:
        '`iot-sms-conformance/schema` is the types, validators, limits and result codes: what it reaches ' +
        'of src/ is core and foundation, never the rules, the engine, the mocks, the proxy or the package root.',
      from: { path: schemaEntry },
      to: { path: '^src/', pathNot: [schemaEntry, layer.core, layer.foundation], reachable: true },
    },
  ],
  options: {
    // Type-only imports (`import type`, `export type`) are arrows in the design too.
    tsPreCompilationDeps: true,
    // Resolve the `.js` suffixes of NodeNext imports to the `.ts` files, as tsc does.
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      mermaid: { minify: false },
    },
  },
};
