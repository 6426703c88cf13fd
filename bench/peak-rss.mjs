// Preloaded into each measured process (node --import): writes its peak resident memory (KiB) and CPU time (s) to
// the file named by KW_BENCH_RSS when it exits. Worker threads count, as they share the process.
import { writeFileSync } from 'node:fs';

const out = process.env.KW_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
