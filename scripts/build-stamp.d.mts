// Types for scripts/build-stamp.mjs, for the tests that import it (test/unit/build-stamp.test.ts).
export declare const BUILD_INPUTS: readonly string[];
export declare const STAMP_FILE: string;
export declare function digest(
  root: string,
  paths: readonly string[],
  extra?: string,
): Promise<string>;
export declare function inputsDigest(root: string): Promise<string>;
export declare function upToDate(root: string, inputs: string): Promise<boolean>;
export declare function clearStamp(root: string): Promise<void>;
export declare function writeStamp(root: string, inputs: string): Promise<void>;
