import type { BuildOptions } from 'esbuild';
export declare const EXTERNAL: string[];
export declare const serverBuildOptions: BuildOptions;
export declare const WORKER_ENTRIES: Record<string, string>;
