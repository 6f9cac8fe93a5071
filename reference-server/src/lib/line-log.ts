/**
 * A log that writes its lines once per turn of the event loop. The development mail and SMS channels log every
 * message they "send" (four per 報告); writing each line to stdout on its own is a blocking write per line —
 * 4.5 % of the main thread in the bench — where one write per turn carries them all. Lines still buffered when
 * the process exits are written then.
 */
export function lineLog(
  write: (text: string) => void = (text) => process.stdout.write(text),
): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    write(text);
  };
  process.once('exit', flush);
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}
