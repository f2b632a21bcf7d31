import cliProgress from 'cli-progress';

/**
 * Progress for long loads: a bar on a terminal, plain lines otherwise (CI logs,
 * pipes) at most every 10%.
 */
export function progressPrinter(print: (s: string) => void) {
  const tty = process.stdout.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let stage = '';
  let lastDecile = -1;
  return (name: string, done: number, total: number) => {
    if (name !== stage) {
      bar?.stop();
      bar = null;
      stage = name;
      lastDecile = -1;
      if (tty && total > 1) {
        bar = new cliProgress.SingleBar(
          { format: `  ${name.padEnd(10)} [{bar}] {percentage}% {value}/{total}` },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
    }
    if (bar) {
      bar.update(done);
      if (done >= total) {
        bar.stop();
        bar = null;
      }
      return;
    }
    const decile = Math.floor((done / Math.max(1, total)) * 10);
    if (total > 1 && decile !== lastDecile) {
      lastDecile = decile;
      print(`  ${name}: ${done}/${total} (${decile * 10}%)`);
    }
  };
}
