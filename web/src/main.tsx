import { render } from 'preact';
import { App } from './app.js';

// zod (and its Romanian messages, lib/zod-setup.ts) loads with the first page module that needs it: ui/lazy.tsx
render(<App />, document.getElementById('app')!);
