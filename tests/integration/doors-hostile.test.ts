/**
 * Every door against hostile payloads: the HTTP door (malformed or non-UTF-8 JSON, wrong content
 * types, bodies that are not objects, a huge declared Content-Length, a chunked body that never
 * stops, unknown methods and verbs, broken %-escapes, prototype-polluting keys, deep nesting,
 * foreign Host and Origin headers, other addresses than 127.0.0.1), the IPC door (the same, plus
 * what Electron's structured clone can carry that JSON cannot: typed arrays, cycles, Maps, BigInt,
 * sparse arrays a billion long) and the CLI's `call`. Each must be refused in Chinese (or, for the
 * CLI, read safely), quickly, without writing anything and without polluting Object.prototype.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel } from '../../src/shared/api-methods';
import type { Result } from '../../src/shared/result';
import { runCli } from '../../src/main/doors/cli';
import { startHttpDoor, type HttpDoor } from '../../src/main/doors/http';
import { registerIpcDoor } from '../../src/main/doors/ipc';
import { MAX_PAYLOAD_BYTES } from '../../src/main/doors/limits';
import { senderCheck } from '../../src/main/electron/security';
import { sampleHousehold, tempLedger } from '../support/temp-ledger';

const CJK = /[\u4e00-\u9fff]/;

let t: ReturnType<typeof tempLedger>;
let door: HttpDoor | undefined;
afterEach(async () => {
  await door?.close();
  door = undefined;
  t?.cleanup();
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
});

async function setUp(): Promise<HttpDoor> {
  t = tempLedger();
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  t.must('household:save', sampleHousehold(village.id, { householdNo: '1001' }));
  door = await startHttpDoor({ ledger: t.ledger });
  return door;
}
const count = (table: string) => (t.ledger.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const snapshot = () => ({ households: count('households'), members: count('members'), audit: count('audit_log'), settings: JSON.stringify(t.must('settings:get', {})) });

interface Answer {
  status: number;
  json: Result<unknown> | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** A request through Node's client, with any method, headers and body. */
function send(port: number, path: string, options: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers: { 'content-type': 'application/json', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let json: Result<unknown> | undefined;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Raw bytes on a socket: what no well-behaved client would send. Resolves with what came back and how much was written. */
function raw(port: number, head: string, body: (write: (b: Buffer) => boolean) => Promise<void> | void = () => undefined, host = '127.0.0.1'): Promise<{ text: string; written: number; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let text = '';
    let written = 0;
    let closed = false;
    socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    socket.on('close', () => {
      closed = true;
      resolve({ text, written, closed });
    });
    socket.on('connect', async () => {
      socket.write(head);
      const write = (b: Buffer) => {
        if (closed || socket.destroyed) return false;
        written += b.length;
        socket.write(b);
        return true;
      };
      await body(write);
      setTimeout(() => socket.end(), 200);
    });
  });
}

const refused = (a: Answer, status: number, pattern: RegExp = CJK) => {
  expect(a.status).toBe(status);
  expect(a.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(a.json && !a.json.ok && a.json.error.message).toMatch(pattern);
  expect(a.json && !a.json.ok && a.json.error.message).toMatch(CJK);
};

describe('HTTP door: malformed payloads', () => {
  it.each([
    ['{oops'],
    ['{"q":"abc'],
    ['{"q":1,}'],
    ["{'q':'1'}"],
    ['nul'],
    ['\ufeff{}'],
    ['{"q":"a"} trailing'],
  ])('malformed JSON %j is refused (400), nothing written', async (body) => {
    const d = await setUp();
    const before = snapshot();
    refused(await send(d.port, '/api/settings:update', { body }), 400, /JSON/);
    expect(snapshot()).toEqual(before);
  });

  it('a body that is not UTF-8 is refused', async () => {
    const d = await setUp();
    refused(await send(d.port, '/api/household:list', { body: Buffer.concat([Buffer.from('{"q":"'), Buffer.from([0xd5, 0xc5, 0xff]), Buffer.from('"}')]) }), 400, /UTF-8/);
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['']])('content type %j is refused (415)', async (type) => {
    const d = await setUp();
    refused(await send(d.port, '/api/household:list', { body: '{}', headers: { 'content-type': type } }), 415);
  });

  it.each([['[]'], ['[{"q":"张"}]'], ['"household"'], ['42'], ['true'], ['null']])('a body that is not an object (%s) is refused before the core sees it', async (body) => {
    const d = await setUp();
    const before = snapshot();
    refused(await send(d.port, '/api/settings:update', { body }), 400);
    refused(await send(d.port, '/api/household:list', { body }), 400);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['__proto__', '{"__proto__":{"polluted":"yes"}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":"yes"}}}'],
    ['nested __proto__', '{"townshipName":"青山镇","operatorName":"李文书","x":{"__proto__":{"polluted":"yes"}}}'],
  ])('prototype-polluting keys (%s) are refused and pollute nothing', async (_, body) => {
    const d = await setUp();
    const before = snapshot();
    for (const method of ['household:list', 'settings:update', 'household:save']) refused(await send(d.port, `/api/${method}`, { body }), 400, /键名/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toEqual(before);
  });

  it('deeply nested JSON (100,000 levels) is refused quickly', async () => {
    const d = await setUp();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const started = performance.now();
    refused(await send(d.port, '/api/household:list', { body: `{"q":${deep}}` }), 400, /嵌套/);
    refused(await send(d.port, '/api/household:save', { body: `{"members":${deep}}` }), 400, /嵌套/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('HTTP door: oversized payloads', () => {
  it('a huge declared Content-Length is refused at once, before a byte of body is read', async () => {
    const d = await setUp();
    const r = await raw(d.port, `POST /api/household:list HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{}`);
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.text).toContain('请求内容过大');
    // The import's own, larger limit is a limit too.
    const big = await raw(d.port, `POST /api/import:preview HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{}`);
    expect(big.text).toMatch(/^HTTP\/1\.1 413/);
  });

  it('a chunked body past the limit gets 413, and one that never stops is cut off', async () => {
    const d = await setUp();
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const frame = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const head = `POST /api/household:list HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    // Three times the limit, then the end: the answer is 413.
    const r = await raw(d.port, head, async (write) => {
      write(frame(Buffer.from('{"q":"')));
      for (let sent = 0; sent < 3 * MAX_PAYLOAD_BYTES; sent += chunk.length) write(frame(chunk));
      write(Buffer.from('0\r\n\r\n'));
    });
    expect(r.text).toMatch(/^HTTP\/1\.1 413/);
    expect(r.text.toLowerCase()).toContain('connection: close');
    // A body that goes on and on: the server stops reading and closes the connection.
    const endless = await raw(d.port, head, async (write) => {
      for (let sent = 0; sent < 400 * 1024 * 1024; sent += chunk.length) {
        if (!write(frame(chunk))) return;
        await new Promise((r2) => setImmediate(r2));
      }
    });
    expect(endless.text).toMatch(/^HTTP\/1\.1 413/);
    expect(endless.written).toBeLessThan(200 * 1024 * 1024);
    // And the door still answers.
    expect((await send(d.port, '/api/household:list', { body: '{}' })).status).toBe(200);
  });

  it('a client that hangs up mid-body does not hurt the door', async () => {
    const d = await setUp();
    const r = await raw(d.port, `POST /api/household:list HTTP/1.1\r\nHost: 127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"q":`, () => undefined);
    expect(r.closed).toBe(true);
    expect((await send(d.port, '/api/household:list', { body: '{}' })).status).toBe(200);
  });
});

describe('HTTP door: methods, verbs, addresses', () => {
  it('unknown methods, a broken %-escape and prototype names as methods are refused without a server error', async () => {
    const d = await setUp();
    for (const path of ['/api/household:explode', '/api/', '/api/__proto__', '/api/constructor', '/api/toString']) {
      const a = await send(d.port, path, { body: '{}' });
      expect(a.status, path).toBe(404);
      expect(a.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    refused(await send(d.port, '/api/%E0%A4%A', { body: '{}' }), 400);
    expect((await send(d.port, '/%E0%A4%A', { method: 'GET' })).status).toBe(400);
  });

  it.each([['GET'], ['PUT'], ['DELETE'], ['PATCH'], ['OPTIONS']])('%s on the API is refused (405)', async (method) => {
    const d = await setUp();
    const before = snapshot();
    const a = await send(d.port, '/api/settings:update', { method, body: method === 'GET' ? undefined : '{"townshipName":"别处"}' });
    expect(a.status).toBe(405);
    expect(a.headers.allow).toBe('POST');
    expect(snapshot()).toEqual(before);
  });

  it('refuses a foreign Host, a missing Host, and a page from another origin', async () => {
    const d = await setUp();
    for (const host of ['evil.example', `localhost.evil.example:${d.port}`, '127.0.0.1', `127.0.0.1:${d.port + 1}`]) {
      refused(await send(d.port, '/api/app:info', { body: '{}', headers: { host } }), 403);
    }
    const noHost = await raw(d.port, 'POST /api/app:info HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    expect(noHost.text).toMatch(/^HTTP\/1\.[01] (400|403)/);
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${d.port + 1}`, `https://127.0.0.1:${d.port}`]) {
      refused(await send(d.port, '/api/app:info', { body: '{}', headers: { origin } }), 403);
    }
    expect((await send(d.port, '/api/app:info', { body: '{}', headers: { origin: `http://127.0.0.1:${d.port}` } })).status).toBe(200);
  });

  it('answers on 127.0.0.1 only: not on ::1, not on the machine’s other addresses', async () => {
    const d = await setUp();
    const refusedOn = (host: string) =>
      new Promise<string>((resolve) => {
        const s = connect({ host, port: d.port });
        s.on('connect', () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address);
    for (const host of ['::1', ...others]) expect(await refusedOn(host), host).not.toBe('connected');
    expect(await refusedOn('127.0.0.1')).toBe('connected');
  });
});

describe('IPC door', () => {
  type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;
  function ipc() {
    t = tempLedger();
    t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
    const handlers = new Map<string, Handler>();
    registerIpcDoor({ handle: (c: string, fn: Handler) => void handlers.set(c, fn), removeHandler: () => undefined } as never, t.ledger, senderCheck(['file:///opt/bangfu/out/renderer/']) as never);
    const own = { senderFrame: { url: 'file:///opt/bangfu/out/renderer/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
    return (method: string, input: unknown) => handlers.get(ipcChannel(method as never))!(own, input);
  }
  const refusedIpc = (r: Result<unknown>, pattern: RegExp = CJK) => {
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!r.ok && r.error.message).toMatch(pattern);
  };

  it('no input is {}; an input that is not an object is refused', async () => {
    const call = ipc();
    expect((await call('household:list', undefined)).ok).toBe(true);
    for (const input of [null, [], ['q'], 'q', 42, true]) refusedIpc(await call('household:list', input), /JSON 对象/);
  });

  it('what structured clone carries and JSON does not is refused without being serialised', async () => {
    const call = ipc();
    const cyclic: Record<string, unknown> = { q: '张' };
    cyclic.self = cyclic;
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    const started = performance.now();
    refusedIpc(await call('household:list', { q: new Uint8Array(100 * 1024 * 1024) }), /无法识别/);
    refusedIpc(await call('household:list', { q: new Map([['a', 1]]) }), /无法识别/);
    refusedIpc(await call('household:list', { q: new Date() }), /无法识别/);
    refusedIpc(await call('household:list', { q: 10n }), /无法识别/);
    refusedIpc(await call('household:list', cyclic), /嵌套/);
    refusedIpc(await call('household:list', { q: sparse }), /过大/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('oversized, deeply nested and prototype-polluting payloads are refused', async () => {
    const call = ipc();
    refusedIpc(await call('household:list', { q: '户'.repeat(600 * 1024) }), /过大/);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    refusedIpc(await call('household:list', { q: deep }), /嵌套/);
    refusedIpc(await call('settings:update', JSON.parse('{"__proto__":{"polluted":"yes"}}')), /键名/);
    refusedIpc(await call('settings:update', { townshipName: '青山镇', operatorName: '李文书', constructor: { prototype: { polluted: 'yes' } } }), /键名/);
    expect(t.must('settings:get', {})).toMatchObject({ townshipName: '青山镇' });
    // A file method keeps its own, larger limit: a 5 MB file is read (and refused for its content, not its size).
    const file = await call('import:preview', { fileName: 'a.csv', contentBase64: Buffer.alloc(5 * 1024 * 1024, 0x61).toString('base64') });
    expect(!file.ok && file.error.message).toMatch(/表头/);
  });
});

describe('CLI call', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
  }
  const cli = async (args: string[]) => {
    const c = capture();
    const code = await runCli(['--db', t.dbPath, '--json', 'call', ...args], c.io);
    return { code, envelope: JSON.parse(c.out.join('\n') || 'null') as Result<unknown> | null };
  };

  it('malformed JSON, non-objects, unknown methods and deep nesting end in a Chinese refusal (exit 1)', async () => {
    t = tempLedger();
    t.ledger.close();
    for (const json of ['{oops', 'null', '[]', '"q"', '42', `{"q":${'['.repeat(50_000)}${']'.repeat(50_000)}}`]) {
      const r = await cli(['household:list', json]);
      expect(r.code, json.slice(0, 20)).toBe(1);
      expect(r.envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(r.envelope && !r.envelope.ok && r.envelope.error.message).toMatch(CJK);
    }
    const unknown = await cli(['household:explode', '{}']);
    expect(unknown.code).toBe(1);
    expect(unknown.envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('prototype-polluting keys pollute nothing and write nothing', async () => {
    t = tempLedger();
    t.ledger.close();
    const r = await cli(['settings:update', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}']);
    expect(r.code).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an argument over the system’s limit never reaches the program', () => {
    // Linux caps one argument at 128 KB: the shell or spawn refuses before the CLI starts.
    const r = spawnSync(process.execPath, ['-e', '0', JSON.stringify({ q: 'x'.repeat(200 * 1024) })]);
    if (process.platform === 'linux') expect((r.error as NodeJS.ErrnoException | undefined)?.code).toBe('E2BIG');
  });
});
