/** The project root: the nearest folder above this file with a package.json and a data/ folder. */
export declare function projectRoot(): string;
export declare function dataPath(...parts: string[]): string;
/** The shared folder beside the project (../shared), where the team's raw data and references live. */
export declare function sharedPath(...parts: string[]): string;
