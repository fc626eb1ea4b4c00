export declare function writeFileAtomic(path: string, contents: string | Uint8Array): void;
