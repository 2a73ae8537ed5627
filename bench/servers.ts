// Bench helper: a bench server (bench/serve-*.ts) in its own process, on a free port: ready when it prints "ready",
// its CPU time when asked (SIGUSR2; see reportCpu in stats.ts), stopped with the rest in each bench's `finally`.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '#local/local-stack.ts';

export interface Server {
  child: ChildProcess;
  port: number;
  /** The server's CPU time since it was ready, in ms. */
  cpuMs(): Promise<number>;
}

export async function startServer(args: string[], env: Record<string, string>, what: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args, String(port)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ready());
    child.once('exit', (code) => fail(new Error(`${what} exited (${code})`)));
  });
  let waiting: ((ms: number) => void) | undefined;
  child.stdout!.on('data', (d: Buffer) => {
    const m = /\{"cpuMs":([\d.]+)\}/.exec(d.toString());
    if (m && waiting) waiting(Number(m[1]));
  });
  return {
    child,
    port,
    cpuMs: () =>
      new Promise((done) => {
        waiting = done;
        child.kill('SIGUSR2');
      }),
  };
}
