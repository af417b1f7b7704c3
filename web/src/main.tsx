import { render } from 'preact';
import { configureZod } from './lib/zod-setup.js';
import { App } from './app.js';

configureZod();
render(<App />, document.getElementById('app')!);
