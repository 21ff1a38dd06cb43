import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Run one phase of a benchmark under the CPU profiler when `dir` is set (CAST_PROFILE=<dir>): writes
 * <dir>/<name>.cpuprofile, for Chrome DevTools or a script summing self time per function. Otherwise just runs it.
 */
export async function profiled<T>(dir: string | undefined, name: string, run: () => Promise<T>): Promise<T> {
  if (!dir) return run();
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.setSamplingInterval', { interval: 200 });
  await s.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await s.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    s.disconnect();
  }
}
