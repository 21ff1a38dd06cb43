import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: one React app for the desktop window and the browser console, built with relative paths so the
// same files load from file:// in Electron and from the host over HTTP.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8765' } },
});
