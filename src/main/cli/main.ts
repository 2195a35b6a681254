// Entry point of `calsync`. Only the compile cache loads before it is on: the
// rest of the CLI comes in by import(), so V8 compiles it from the cache.
import { enableCompileCache } from './compile-cache';

enableCompileCache();
await import('./cli-start');
