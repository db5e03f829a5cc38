import type { MessagePort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-tasks.js';

/**
 * The body of a parser worker thread (piscina loads this file). Only the
 * upload's bytes come in and plain data goes out: the worker touches no
 * database, socket or secret, and its heap is capped (untrusted-parser.ts).
 */
export default function parse({ started, ...task }: ParseTask & { started?: MessagePort }) {
  // Tells the pool the job has a thread now: its time limit starts here.
  started?.postMessage('started');
  started?.close();
  return runParseTask(task);
}
