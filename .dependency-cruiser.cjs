/**
 * The house rules of docs/ARCHITECTURE.md, checked by dependency-cruiser in `npm test`
 * (shared/boundaries.test.ts runs both passes on the tree, and on a fixture with deliberately wrong imports).
 *
 * Layers, bottom to top: shared/platform → shared/project → shared/<area> → shared/manifest → functions/, local/, infra/.
 *
 * Two passes (`npm run boundaries` runs both):
 * - the boundaries pass reads every import, type-only ones included (a type reaching into another area's internals is a
 *   breach as well);
 * - the circle pass (VATRA_DEPCRUISE=circles) reads the imports that load with a module: type-only imports vanish when
 *   compiled, and an import() inside a function loads later, so neither can make a load-time circle.
 */
const fs = require('node:fs');

const AREAS = 'cases|services|subsidies|reports|imports|protection|notifications';
const circlesPass = process.env.VATRA_DEPCRUISE === 'circles';

/**
 * Debt, written down so it can only shrink: application modules that still build DynamoDB commands themselves
 * (issue 19 moved them into their area's stores; the list is empty since session 7). A module not on this list that
 * imports @aws-sdk/lib-dynamodb outside a store fails the check (shared/boundaries.test.ts shows it).
 */
const DYNAMODB_OUTSIDE_STORES_DEBT = [
].map((f) => `^${f.replace(/[.]/g, '\\.')}$`);

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const boundaries = [
  {
    name: 'platform-knows-no-area',
    severity: 'error',
    comment: 'shared/platform is beneath every area: it never imports an area, the project, or the gathered manifest.',
    from: { path: '^shared/platform/' },
    to: { path: `^shared/(${AREAS}|project|manifest)/` },
  },
  {
    name: 'project-knows-no-area',
    severity: 'error',
    comment: 'shared/project (institutions, project period, legal defaults) sits beneath the areas.',
    from: { path: '^shared/project/' },
    to: { path: `^shared/(${AREAS}|manifest)/` },
  },
  {
    name: 'area-through-index',
    severity: 'error',
    comment:
      "An area uses another area only through that area's public index.ts, or its model.ts (shapes and zod schemas, no I/O: " +
      'what a form in the browser may import without pulling the server in), or its mail.ts (its mail kinds, which the ' +
      'notifications area gathers without loading the area).',
    from: { path: `^shared/(${AREAS})/` },
    to: { path: `^shared/(${AREAS})/`, pathNot: ['^shared/$1/', `^shared/(${AREAS})/(index|model|mail)\\.ts$`] },
  },
  {
    name: 'mail-is-templates',
    severity: 'error',
    comment:
      "An area's mail.ts (schemas and pure templates of its mail kinds) imports the platform, the notifications kit " +
      "(notifications/model.ts) and its own area's config and model only: gathering it never loads an area's code.",
    from: { path: `^shared/(${AREAS})/mail\\.ts$` },
    to: { pathNot: ['^shared/platform/', '^shared/notifications/model\\.ts$', '^shared/$1/(config|model)\\.ts$', '(^|/)node_modules/'] },
  },
  {
    name: 'errors-without-http',
    severity: 'error',
    comment:
      'Application code refuses with a Refusal (shared/platform/errors.ts: invalid, not_found, conflict, forbidden); ' +
      'only the HTTP adapter and the API operations (functions/) turn it into a status (issue #19).',
    from: { path: `^shared/(${AREAS})/` },
    to: { path: '^shared/platform/http/errors\\.ts$' },
  },
  {
    name: 'manifest-is-data',
    severity: 'error',
    comment: "An area's manifest.ts (functions, routes, policy) is data: it imports the platform's types only.",
    from: { path: `^shared/(${AREAS})/manifest\\.ts$` },
    to: { pathNot: ['^shared/platform/'] },
  },
  {
    name: 'only-stores-touch-dynamodb',
    severity: 'error',
    comment: 'Only stores (*store*.ts) and shared/platform/db build DynamoDB commands; everything else calls a store.',
    from: {
      path: '^(shared|functions)/',
      pathNot: ['store[^/]*\\.ts$', '^shared/platform/(db/|aws\\.ts$)', '\\.test\\.ts$', 'test-fixtures\\.ts$', ...DYNAMODB_OUTSIDE_STORES_DEBT],
    },
    to: { path: '(^|/)node_modules/@aws-sdk/(lib-dynamodb|client-dynamodb)/', dependencyTypesNot: ['type-only'] },
  },
];

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const circles = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'No import circles: a module never reaches itself again through the imports that load with it.',
    from: {},
    to: { circular: true, dependencyTypesNot: ['dynamic-import'], viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: circlesPass ? circles : boundaries,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(cdk\\.out|\\.data|dist|test-results)/' },
    tsPreCompilationDeps: !circlesPass,
    ...(fs.existsSync('tsconfig.json') ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
