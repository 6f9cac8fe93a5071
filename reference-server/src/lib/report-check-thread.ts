/**
 * The report check (./report-rules.ts) on a thread of its own.
 *
 * Under load `validateReport` took 0.1–0.2 ms of the main thread per 報告 — its code and tables fall out of
 * the CPU caches between requests (86 µs median per call in the server against 46 µs in a loop) — while the
 * main thread is what limits the server: it parses, writes and answers every request. On its own thread the
 * check runs beside all that. A 報告 sends its body's text as it came (`checkFiling`, ./filing-check.ts): the
 * JSON parse, the envelope, the request hash and the check all run on the thread, and the main thread only
 * receives the result.
 *
 * The check is a pure function of its input, so a failing thread loses nothing: the checks it was given run
 * on the main thread, and the next check starts a new thread. After {@link MAX_FAILURES} failures in a row the
 * checks stay on the main thread.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from './module-thread.js';
import { checkFiling, type FilingCheck } from './filing-check.js';
import { checkReport, type ReportCheck } from './report-rules.js';

/** Checks reports as of a date (see `checkReport`). */
export interface ReportChecker {
  check(input: unknown, today: string): Promise<ReportCheck>;
  /** A 報告 body's text: parsed, its envelope read, hashed and its report checked (./filing-check.ts). */
  checkFiling(text: string, today: string): Promise<FilingCheck>;
  /** Ends the thread, if any. */
  close(): Promise<void>;
}

/** A request to the thread: a report to check, or a 報告 body's text. */
export type CheckRequest =
  | { n: number; kind: 'report'; input: unknown; today: string }
  | { n: number; kind: 'filing'; text: string; today: string };

/** The thread's answer. */
export interface CheckReply {
  n: number;
  result: ReportCheck | FilingCheck;
}

/** What a request asks, answered on the calling thread. */
export function answer(request: CheckRequest): ReportCheck | FilingCheck {
  return request.kind === 'report'
    ? checkReport(request.input, request.today)
    : checkFiling(request.text, request.today);
}

/** Checks on the calling thread (tests, and when the thread keeps failing). */
export const inlineReportChecker: ReportChecker = {
  check: (input, today) => Promise.resolve(checkReport(input, today)),
  checkFiling: (text, today) => Promise.resolve(checkFiling(text, today)),
  close: () => Promise.resolve(),
};

const MAX_FAILURES = 3;

/**
 * A checker whose checks run on a worker thread, started on the first check.
 * @param log where a failing thread is reported
 * @param start how the thread is started (tests watch it)
 */
export function reportCheckThread(
  log: (line: string) => void = () => {},
  start: typeof startModuleThread = startModuleThread,
): ReportChecker {
  let worker: Worker | undefined;
  let next = 0;
  let failures = 0;
  const pending = new Map<
    number,
    {
      request: CheckRequest;
      resolve: (result: ReportCheck | FilingCheck) => void;
      reject: (err: unknown) => void;
    }
  >();

  const runPendingInline = () => {
    for (const { request, resolve, reject } of pending.values()) {
      try {
        resolve(answer(request));
      } catch (err) {
        reject(err);
      }
    }
    pending.clear();
  };

  const thread = () => {
    if (worker) return worker;
    const w = start(new URL('./report-check-worker.ts', import.meta.url));
    w.on('message', (reply: CheckReply) => {
      failures = 0;
      const p = pending.get(reply.n);
      pending.delete(reply.n);
      // Idle, the thread must not keep a finished process alive.
      if (pending.size === 0) w.unref();
      p?.resolve(reply.result);
    });
    w.on('error', (err) => log(`[check] report-check thread failed: ${err.message}`));
    w.on('exit', () => {
      if (worker !== w) return;
      worker = undefined;
      if (pending.size > 0) {
        failures++;
        if (failures === MAX_FAILURES)
          log('[check] the report-check thread keeps failing; checking on the main thread');
      }
      runPendingInline();
    });
    worker = w;
    return w;
  };

  const ask = (request: CheckRequest) =>
    new Promise<ReportCheck | FilingCheck>((resolve, reject) => {
      if (failures >= MAX_FAILURES) {
        resolve(answer(request));
        return;
      }
      pending.set(request.n, { request, resolve, reject });
      const w = thread();
      w.ref();
      w.postMessage(request);
    });

  return {
    check: (input, today) => ask({ n: next++, kind: 'report', input, today }) as Promise<ReportCheck>,
    checkFiling: (text, today) => ask({ n: next++, kind: 'filing', text, today }) as Promise<FilingCheck>,
    async close() {
      const w = worker;
      worker = undefined;
      if (!w) return;
      await w.terminate();
      runPendingInline();
    },
  };
}
