// Types of run-notebooks.mjs, for the test that imports it.
export declare const ROOT: string;
export declare const NOTEBOOKS: string;
export declare const KERNEL: string;
export declare function findNbconvert(): string | null;
export declare function notebookFiles(): string[];
export declare function tslabEnvironment(): { env: NodeJS.ProcessEnv; cleanup: () => void };
export declare function executeNotebook(file: string, options?: { env?: NodeJS.ProcessEnv; outputDir?: string; timeoutSec?: number }): Promise<string>;
