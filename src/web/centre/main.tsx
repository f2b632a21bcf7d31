import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>网格 · 指挥中心</div>);
