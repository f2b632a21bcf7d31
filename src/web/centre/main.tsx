import { translate } from './i18n.js';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { Root } from './Root.js';

// the page's icon, drawn here (index.html is shared with the build setup)
const icon = document.createElement('link');
icon.rel = 'icon';
icon.href = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#c8102e"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#ffd666" font-family="sans-serif">网</text></svg>')}`;
document.head.appendChild(icon);
document.documentElement.lang = localStorage.getItem('wangge.lang') === 'en' ? 'en' : 'zh-CN';
document.title = translate(localStorage.getItem('wangge.lang') === 'en' ? 'en' : 'zh', 'app.docTitle');

createRoot(document.getElementById('root')!).render(<Root />);
