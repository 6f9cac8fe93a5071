/**
 * Starting a worker thread on one of the server's TypeScript modules. The server runs its TypeScript through
 * tsx, and a worker thread starts without the main thread's loader hooks, so the thread registers them before
 * it imports the module.
 */
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.loader).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

/**
 * A worker thread running `entry` (a module URL, e.g. `new URL('./x.ts', import.meta.url)`); the module reads
 * `workerData` (`data` plus `loader` and `entry`) from node:worker_threads.
 */
export function startModuleThread(entry: URL, data: object = {}): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...data, loader: import.meta.resolve('tsx/esm/api'), entry: entry.href },
  });
}
