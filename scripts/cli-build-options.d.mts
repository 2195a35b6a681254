import type { BuildOptions } from 'esbuild';
export declare function cliBuildOptions(entry: string, outdir: string): BuildOptions;
