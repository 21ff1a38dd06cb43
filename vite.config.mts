import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: one React app for the desktop window and the browser console, built with relative paths so the
// same files load from file:// in Electron and from the host over HTTP. The hall's network pages (the deputy's
// terminal, the door's desk) are built by vite.lan.config.mts into the same folder, so neither shares a chunk
// with the console: the console's bundle stays as it is, and a phone loads only its own small one.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8765' } },
});
