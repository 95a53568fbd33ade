// Preloaded into the costlint process by the bench: writes its peak RSS (KiB) at exit.
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.COSTLINT_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
