// An esbuild plugin: zod's `z` namespace re-exports all of its ~60 message
// locales (`z.locales`), so a bundle carries them whatever it uses — about a
// third of zod's bytes, compiled at every start of `calsync`. calsync speaks
// English only (zod's default, set by its own `config(en())`), so the locales
// index is replaced by one that holds English alone.
import path from 'node:path';

export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]v4[\\/](classic|mini|core)[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-english-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};
