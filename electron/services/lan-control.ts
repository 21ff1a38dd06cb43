import os from 'node:os';
import { AppError } from '../../shared/contract';

/**
 * The seam between the services and the LAN listener (electron/host/lan-server.ts): the host attaches a listener;
 * lan.start / lan.stop go through it. Without one (the desktop app, until its host runs in a utilityProcess of its
 * own — see electron/host/README-lan.md) the network cannot be switched on.
 */
export interface LanListener {
  start(port: number): Promise<void>;
  stop(): Promise<void>;
  port(): number | null;
}

export class LanControl {
  private listener: LanListener | null = null;
  attach(l: LanListener): void {
    this.listener = l;
  }
  get available(): boolean {
    return this.listener !== null;
  }
  port(): number | null {
    return this.listener?.port() ?? null;
  }
  async start(port: number): Promise<void> {
    if (!this.listener)
      throw new AppError(
        'CONFLICT',
        '本运行方式不能开启会场网络：请以主机方式运行（npm run serve -- --lan-port 端口）',
      );
    await this.listener.start(port);
  }
  async stop(): Promise<void> {
    await this.listener?.stop();
  }
  /** http://<address>:<port> for each IPv4 LAN address of this machine, or [] when the listener is off. */
  origins(): string[] {
    const port = this.port();
    if (!port) return [];
    const out: string[] = [];
    for (const list of Object.values(os.networkInterfaces()))
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}`);
    return out.length ? out : [`http://127.0.0.1:${port}`];
  }
}
