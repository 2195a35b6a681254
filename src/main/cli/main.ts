// Entry point of `calsync`. Only the compile cache loads before it is on: the
// rest of the CLI comes in by import(), so V8 compiles it from the cache.
import { enableCompileCache, wantsCompileCache } from './compile-cache';

if (wantsCompileCache(process.argv.slice(2))) enableCompileCache();
await import('./cli-start');
