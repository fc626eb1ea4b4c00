/**
 * danfo.js DataFrames for notebook users, converted from the library's arquero tables (tax
 * schedules, schedule comparisons, evaluation results). Arquero stays the one engine inside src:
 * nothing here computes, and danfojs-node is required only when a conversion is asked for (it
 * loads TensorFlow.js and takes about a second), so the library and the CLI never load it.
 */
import type { DataFrame } from 'danfojs-node';
import type { Table } from '../../data/frames.js';

type Danfo = typeof import('danfojs-node');

let danfo: Danfo | undefined;

/** The danfojs-node module, loaded on first use. */
export function danfoModule(): Danfo {
  // require, not import: the import would load danfo with the library
  danfo ??= require('danfojs-node') as Danfo;
  return danfo;
}

/**
 * A danfo DataFrame with the table's columns, in order, and its rows. Values are copied as they
 * are, except that a missing number (null in arquero) becomes NaN, danfo's missing value, so that
 * danfo's numeric operations accept the column. danfo labels numbers int32 or float32; the values
 * stay JavaScript doubles, but its TensorFlow.js-backed operations compute in float32.
 */
export function toDanfo(table: Table): DataFrame {
  const columns = table.columnNames();
  const data: Record<string, unknown[]> = {};
  for (const name of columns) {
    const values = Array.from(table.array(name) as ArrayLike<unknown>);
    const numeric = values.some((v) => typeof v === 'number') && values.every((v) => v == null || typeof v === 'number');
    data[name] = numeric ? values.map((v) => v ?? NaN) : values;
  }
  const { DataFrame } = danfoModule();
  // danfo refuses empty columns, but takes an empty list of rows with the column names
  if (table.numRows() === 0) return new DataFrame([], { columns });
  return new DataFrame(data, { columns });
}
