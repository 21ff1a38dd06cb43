import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The hall's network pages: dist/renderer/terminal.html and dist/renderer/desk.html, a multi-page build of their
// own (plain React, no antd, no bundled fonts: phones have CJK fonts). Run after the console's build, into the
// same folder without emptying it; their assets are named lan-… so the LAN listener can serve only those.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: false,
    // Android WebView and iOS Safari of the last few years: ES2020 with optional chaining, nothing newer.
    target: ['es2020', 'chrome87', 'safari14'],
    rollupOptions: {
      input: { terminal: 'renderer/terminal.html', desk: 'renderer/desk.html' },
      output: {
        entryFileNames: 'assets/lan-[name]-[hash].js',
        chunkFileNames: 'assets/lan-[name]-[hash].js',
        assetFileNames: 'assets/lan-[name]-[hash][extname]',
      },
    },
  },
});
