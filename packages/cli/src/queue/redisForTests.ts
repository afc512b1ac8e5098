import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A private redis-server on a free port for tests (no persistence), or a reason to skip. Tests
 * skip only when redis-server is not installed AND GLASSBOX_REQUIRE_REDIS is unset; CI sets it.
 */
export async function startTestRedis(): Promise<{ url: string; stop(): void } | { skip: string }> {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error) {
    if (process.env.GLASSBOX_REQUIRE_REDIS) throw new Error('GLASSBOX_REQUIRE_REDIS is set but redis-server is not installed (apt-get install redis-server)');
    return { skip: 'redis-server is not installed (apt-get install redis-server); set GLASSBOX_REQUIRE_REDIS=1 to make this a failure' };
  }
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout?.trim() === 'PONG') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop: () => proc.kill('SIGKILL') };
}
