/**
 * The script index.html runs: the stylesheet, and then the app (main.tsx, its own chunk,
 * which index.html preloads). When the service worker put this device's copy of the page in
 * index.html (storage/pageSnapshot.ts), the browser paints that copy first: running the
 * app's code (React and the rest, a few hundred milliseconds on a slow phone) would
 * otherwise come before the first paint. Without a copy, the app starts at once.
 */
import './ui/styles.css';

const start = () => import('./main');

if (document.getElementById('snapshot')) requestAnimationFrame(() => setTimeout(start, 0));
else void start();
