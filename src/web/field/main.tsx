import { createRoot, type Root } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import './field.css';
import './care.js';
import { App } from './App.js';
import { startQueue } from './offline/queue.js';

// antd-mobile 5 renders its Toast/Dialog with the React 18 API; give it React 19's.
unstableSetRender((node, container) => {
  const c = container as (Element | DocumentFragment) & { _root?: Root };
  c._root ??= createRoot(c);
  c._root.render(node);
  return async () => {
    await new Promise((r) => setTimeout(r, 0));
    c._root?.unmount();
    delete c._root;
  };
});

// The service worker keeps the app shell so the app starts without a network.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/m/sw.js', { scope: '/m/' })
      .catch((err: unknown) => console.warn('service worker', err));
  });
}

startQueue();
createRoot(document.getElementById('root')!).render(<App />);
