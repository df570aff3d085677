// Where things are: the repository root, the bench folder, the datasets.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH, '..');

/** ../shared/datasets beside the clone (as CI has it), else /work/shared/datasets. */
export function defaultDatasets() {
  for (const dir of [path.resolve(ROOT, '..', 'shared', 'datasets'), '/work/shared/datasets'])
    if (existsSync(dir)) return dir;
  throw new Error('no datasets folder: pass one (e.g. ../shared/datasets)');
}
