/** The report-check thread's body (started by ./report-check-thread.ts): answers each request (`answer`). */
import { parentPort } from 'node:worker_threads';
import { answer, type CheckReply, type CheckRequest } from './report-check-thread.js';

const port = parentPort!;
port.on('message', (request: CheckRequest) => {
  port.postMessage({ n: request.n, result: answer(request) } satisfies CheckReply);
});
