import type { Plugin } from 'esbuild';
export declare function cjsExternals(names: string[]): Plugin;
