/** The report-check thread's body (started by ./report-check-thread.ts): answers each request with checkReport. */
import { parentPort } from 'node:worker_threads';
import { checkReport } from './report-rules.js';
import type { CheckReply, CheckRequest } from './report-check-thread.js';

const port = parentPort!;
port.on('message', (request: CheckRequest) => {
  port.postMessage({ n: request.n, check: checkReport(request.input, request.today) } satisfies CheckReply);
});
