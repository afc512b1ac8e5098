// Serves the built demo (dist/) with the cross-origin-isolation headers: `pnpm preview`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './staticServer';

const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist');
const server = await serveStatic(dist, Number(process.env.PORT ?? 4173));
console.log(`browser-demo: serving ${dist} at ${server.url} (Ctrl-C stops)`);
