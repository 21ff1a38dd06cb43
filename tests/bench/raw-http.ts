import net from 'node:net';

/**
 * The hall bench's phones speak HTTP/1.1 over plain sockets instead of node:http: 3,376 phones and their event
 * streams share this 2-core machine with the host, and node:http's client cost about as much CPU per request as the
 * host's answer, time that in a hall each phone spends on its own processor. A request is written as one buffer and
 * an answer read by its Content-Length (the LAN listener always sends one); one request at a time per connection,
 * as a phone's page sends its calls. Not a general client: no chunked bodies, no redirects.
 */

const CRLF2 = Buffer.from('\r\n\r\n');

export class RawConnection {
  private socket: net.Socket | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve(r: { status: number; body: string }): void; reject(e: Error): void } | null = null;

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {}

  private connect(): net.Socket {
    const s = net.connect(this.port, this.host);
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.parse();
    });
    const fail = (e: Error) => {
      this.socket = null;
      this.buf = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(e);
    };
    s.on('error', fail);
    s.on('close', () => fail(new Error('连接已关闭')));
    return s;
  }

  private parse() {
    const end = this.buf.indexOf(CRLF2);
    if (end < 0 || !this.waiting) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buf.length < end + 4 + length) return;
    const body = this.buf.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buf = this.buf.subarray(end + 4 + length);
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, body });
  }

  /** POST `path` with a JSON body; resolves with the status and body, over the kept connection. */
  post(path: string, json: string): Promise<{ status: number; body: string }> {
    if (this.waiting) return Promise.reject(new Error('上一个请求尚未答复'));
    this.socket ??= this.connect();
    const body = Buffer.from(json);
    const req = Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      'latin1',
    );
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket!.write(Buffer.concat([req, body]));
    });
  }

  close() {
    this.socket?.destroy();
    this.socket = null;
  }
}

/** GET an event stream and call `onData` with the number of `data:` lines in each chunk (the headers have none). */
export function rawEventStream(port: number, path: string, onData: (events: number) => void): () => void {
  const s = net.connect(port, '127.0.0.1');
  s.setNoDelay(true);
  s.on('connect', () =>
    s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`),
  );
  s.setEncoding('latin1');
  let first = true;
  s.on('data', (c: string) => {
    // The first chunk is the answer's head (and `retry:`): it counts as the stream opening.
    const n = (c.match(/^data: /gm) ?? []).length;
    if (first || n) onData(n);
    first = false;
  });
  s.on('error', () => undefined);
  return () => s.destroy();
}
