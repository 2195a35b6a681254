// An esbuild plugin: the CLI's native CommonJS dependencies (better-sqlite3,
// @napi-rs/keyring) stay external, but are loaded with require() instead of an
// ESM import. Node pre-parses a CommonJS module imported from ESM with its
// cjs-module-lexer to find its named exports (~15 ms at every start of
// `calsync` for these two); require() needs no such pass. Each import becomes a
// CommonJS stub, `module.exports = require(name)`, so esbuild's own interop
// gives the importer its default and named imports as before. The `require`
// is the one the build's banner gives every ESM file. The same stub serves
// node:http: an ESM import of it reads every export, and Node 22's lazy
// WebSocket/fetch exports then load undici.
export function cjsExternals(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, (c) => `\\${c}`)).join('|')})$`);
  return {
    name: 'cjs-externals',
    setup(build) {
      // A dynamic import() stays Node's own: a stub chunk would give it only a default export, no named ones.
      build.onResolve({ filter }, (args) =>
        args.kind === 'require-call' || args.kind === 'dynamic-import'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'cjs-external' },
      );
      build.onLoad({ filter: /.*/, namespace: 'cjs-external' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}
