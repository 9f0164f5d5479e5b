import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one build that runs unchanged in Electron (loaded from the
// packaged files) and in any Chromium as a plain web app, hence a relative base.
export default defineConfig({
  root: 'renderer',
  base: './',
  // assets/ holds the bundled demo case and icons; served as-is next to the app.
  publicDir: '../assets',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
