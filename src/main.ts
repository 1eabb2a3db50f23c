import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { installE2eHooks } from './lib/e2e-hooks.ts';
import { registerServiceWorker } from './lib/offline.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount Rivulet into');

installE2eHooks();
registerServiceWorker();

export default mount(App, { target });
