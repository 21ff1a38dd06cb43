/**
 * Node flags for the host's process, wherever it runs: the desktop app's utility process, `npm run serve`, the hall
 * benchmark. A young generation of 32 MB semi-spaces (V8 sizes them at most 16 MB by default) lets a burst of
 * requests die young instead of being promoted and marked: on the hall bench (3,376 casts in a second) it took the
 * host's CPU per cast from 0.34–0.47 ms to 0.30–0.36 ms and the p99 acknowledgement from 193–616 ms to 82–285 ms
 * (runs of 2026-12-01, the same build). No import here, so electron/main can take it without the host's code;
 * package.json's `serve` script and build/scripts/start.mjs, which cannot import it, repeat the flag.
 */
export const HOST_NODE_FLAGS = ['--max-semi-space-size=32'];
