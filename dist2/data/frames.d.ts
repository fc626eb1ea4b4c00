/**
 * Data frames: arquero, one import for the whole library. Arquero 8 is an ES module; the library
 * compiles to CommonJS for the notebook kernel and Node 20 loads it through require().
 */
import * as aq from 'arquero';
export { aq };
export type Table = ReturnType<typeof aq.table>;
