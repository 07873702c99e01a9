import { isUtf8 } from 'node:buffer';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fail, type Result } from '../../shared/result';
import { dispatchAsync, type Ledger } from '../core';
import { MAX_PAYLOAD_BYTES, payloadLimit, payloadProblem, tooLargeMessage } from './limits';

export interface HttpDoorOptions {
  ledger: Ledger;
  /** Folder of the built renderer; without it only the API is served. */
  staticDir?: string;
  port?: number;
  maxBodyBytes?: number;
}

export interface HttpDoor {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

// blob: objects and frames: the contact cards' PDF, made on the page from the core's bytes and shown before it is saved.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src blob:; frame-src blob:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const STATUS_BY_CODE = { VALIDATION: 400, NOT_FOUND: 404, CONFLICT: 409, IO: 500, INTERNAL: 500 } as const;

/**
 * After refusing a body as too large, this much more of it is read and thrown away, so a client
 * that sends the whole body before reading the answer (as fetch does) still gets the 413; past it
 * the connection is cut, so a client streaming gigabytes is not read to the end.
 */
const DRAIN_AFTER_REFUSAL_BYTES = 64 * 1024 * 1024;

/**
 * The contract on `POST /api/<method>` plus the built renderer, on 127.0.0.1 only. The Host
 * check keeps other web pages from reaching the registry through DNS rebinding; the Origin check
 * refuses requests a page from anywhere else makes to it (only our own page, or no browser at all).
 */
export async function startHttpDoor(options: HttpDoorOptions): Promise<HttpDoor> {
  const maxBody = options.maxBodyBytes ?? MAX_PAYLOAD_BYTES;
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', '服务器内部错误'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress) || !isOwnHost(req.headers.host, port)) {
      sendJson(res, 403, fail('VALIDATION', '只接受本机（127.0.0.1）的访问'));
      return;
    }
    if (req.headers.origin !== undefined && !isOwnOrigin(req.headers.origin, port)) {
      sendJson(res, 403, fail('VALIDATION', '拒绝来自其他网页的请求'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed %-escape is the client's mistake, not a server error.
      sendJson(res, 400, fail('VALIDATION', '请求的地址无效'));
      return;
    }
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        sendJson(res, 405, fail('VALIDATION', '接口只接受 POST 请求'));
        return;
      }
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type)) {
        sendJson(res, 415, fail('VALIDATION', '请求格式应为 JSON（Content-Type: application/json）'));
        return;
      }
      const method = pathname.slice('/api/'.length);
      const limit = payloadLimit(method, maxBody);
      const body = await readBody(req, limit);
      if (body === 'aborted') {
        req.socket.destroy();
        return;
      }
      if (body === 'too-large') {
        // The rest of the body is not a next request on this connection: it is drained (up to a
        // bound) and the connection closed after the answer.
        res.setHeader('connection', 'close');
        sendJson(res, 413, fail('VALIDATION', tooLargeMessage(limit)));
        drain(req, DRAIN_AFTER_REFUSAL_BYTES);
        return;
      }
      if (!isUtf8(body)) {
        sendJson(res, 400, fail('VALIDATION', '请求内容不是有效的 UTF-8 文本'));
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        sendJson(res, 400, fail('VALIDATION', '请求内容不是有效的 JSON'));
        return;
      }
      // The body's size is already bounded; this refuses non-objects, deep nesting and prototype keys.
      const problem = payloadProblem(input, Number.POSITIVE_INFINITY);
      if (problem) {
        sendJson(res, 400, fail('VALIDATION', problem));
        return;
      }
      const result = await dispatchAsync(options.ledger, method, input);
      sendJson(res, result.ok ? 200 : STATUS_BY_CODE[result.error.code], result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, fail('VALIDATION', '不支持的请求方法'));
      return;
    }
    serveStatic(pathname, res);
  }

  /** `pathname` is already decoded. */
  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!options.staticDir) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('未找到界面文件，请先运行 npm run build');
      return;
    }
    const root = resolve(options.staticDir);
    const wanted = normalize(join(root, pathname));
    const inside = wanted === root || wanted.startsWith(root + sep);
    let file = inside && existsSync(wanted) && statSync(wanted).isFile() ? wanted : join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('未找到界面文件，请先运行 npm run build');
      return;
    }
    file = resolve(file);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
      ...SECURITY_HEADERS,
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** A browser names the page that makes a request; only our own page may (`null`, a sandboxed or file page, may not). */
function isOwnOrigin(origin: string, port: number): boolean {
  return origin.startsWith('http://') && isOwnHost(origin.slice('http://'.length), port);
}

/** Reads and discards up to `limit` more bytes of a refused body, then cuts the connection. */
function drain(req: IncomingMessage, limit: number): void {
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) req.socket.destroy();
  });
  req.resume();
}

/** The body, or why there is none to use: over the limit, or the client went away before sending it all. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve('too-large');
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolveBody('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolveBody(Buffer.concat(chunks));
    });
    // A client that hangs up mid-body is nobody to answer (and no server error); once settled, these change nothing.
    req.on('error', () => resolveBody('aborted'));
    req.on('close', () => resolveBody('aborted'));
  });
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}
