// Scaffolds a workspace package with the house layout (exports map, tsup, vitest, publint).
// Usage: node scripts/mkpkg.mjs <dir> <name> "<description>" [extraEntry ...]
// Never overwrites a file that exists; tests/scaffold/mkpkg.test.ts keeps it in step with the real packages.
import { copyFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, name, description, ...extra] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: mkpkg <dir> <name> <description> [entries]');
const entries = ['index', ...extra];
const exportsMap = {};
for (const e of entries) {
  const key = e === 'index' ? '.' : `./${e}`;
  exportsMap[key] = {
    import: { types: `./dist/${e}.d.ts`, default: `./dist/${e}.js` },
    require: { types: `./dist/${e}.d.cts`, default: `./dist/${e}.cjs` },
  };
}
exportsMap['./package.json'] = './package.json';
const isCore = name === '@glassbox/core';
const pkg = {
  name,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  exports: exportsMap,
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  files: ['dist', 'README.md', 'LICENSE'],
  repository: { type: 'git', url: 'git+https://github.com/glassbox-xai/glassbox.git', directory: dir },
  engines: { node: '>=20.11' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    lint: 'publint --strict && attw --pack . --profile node16',
    test: 'vitest run',
  },
  peerDependencies: isCore
    ? { '@tensorflow/tfjs-core': '^4.20.0' }
    : { '@glassbox/core': 'workspace:^', '@tensorflow/tfjs-core': '^4.20.0' },
  devDependencies: isCore
    ? { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-backend-cpu': '4.22.0' }
    : { '@glassbox/core': 'workspace:^', '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-backend-cpu': '4.22.0' },
  publishConfig: { access: 'public' },
};
mkdirSync(join(dir, 'src'), { recursive: true });
/** Writes a file unless it exists (a scaffold never overwrites). */
const create = (file, text) => existsSync(join(dir, file)) || writeFileSync(join(dir, file), text);
create('package.json', JSON.stringify(pkg, null, 2) + '\n');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(dir, 'LICENSE'))) copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
create(
  'tsup.config.ts',
  `import { defineConfig } from 'tsup';\nimport { packageConfig } from '../../tsup.base.ts';\n\nexport default defineConfig(packageConfig(${JSON.stringify(entries)}));\n`,
);
create(
  'tsconfig.json',
  JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }, null, 2) + '\n',
);
create(
  'vitest.config.ts',
  `import { defineConfig } from 'vitest/config';\nimport { sharedTestConfig } from '../../vitest.shared.ts';\n\nexport default defineConfig(sharedTestConfig(import.meta.dirname));\n`,
);
for (const e of entries) {
  const f = join(dir, 'src', `${e}.ts`);
  if (!existsSync(f)) writeFileSync(f, `export {};\n`);
}
if (!existsSync(join(dir, 'README.md'))) writeFileSync(join(dir, 'README.md'), `# ${name}\n\n${description}\n`);
