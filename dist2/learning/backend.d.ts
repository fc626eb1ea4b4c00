export declare const tf: typeof import('@tensorflow/tfjs');
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
/** Selects the fastest available backend once and says which one runs. */
export declare function useBestBackend(preferred?: BackendName): Promise<BackendName>;
