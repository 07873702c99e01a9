import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../../src/shared/api-methods';
import type { Result } from '../../src/shared/result';
import { runCli } from '../../src/main/doors/cli';
import { startHttpDoor, type HttpDoor } from '../../src/main/doors/http';
import { registerIpcDoor } from '../../src/main/doors/ipc';
import { isOwnUrl, senderCheck } from '../../src/main/electron/security';
import { tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
let door: HttpDoor | undefined;
afterEach(async () => {
  await door?.close();
  door = undefined;
  t?.cleanup();
});

function post(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: Result<unknown> | undefined; text: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Result<unknown> | undefined;
          try {
            json = JSON.parse(text) as Result<unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTP door', () => {
  it('answers the contract with the envelope, and a bad payload with VALIDATION in Chinese', async () => {
    t = tempLedger();
    door = await startHttpDoor({ ledger: t.ledger });
    expect(door.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const okRes = await post(door.port, '/api/settings:update', JSON.stringify({ townshipName: '青山镇', operatorName: '李文书' }));
    expect(okRes.status).toBe(200);
    expect(okRes.json).toMatchObject({ ok: true, data: { townshipName: '青山镇' } });

    const bad = await post(door.port, '/api/household:save', JSON.stringify({ villageId: 'abc', members: 'none' }));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请选择行政村' } });

    const unknown = await post(door.port, '/api/household:explode', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有名为“household:explode”的功能' } });

    const notJson = await post(door.port, '/api/household:list', '{oops');
    expect(notJson.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } });
    const wrongType = await post(door.port, '/api/household:list', 'q=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
  });

  it('refuses a body over the limit without reading it all', async () => {
    t = tempLedger();
    door = await startHttpDoor({ ledger: t.ledger, maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify({ q: 'x'.repeat(200 * 1024) });
    const r = await post(door.port, '/api/household:list', big);
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.json && !r.json.ok && r.json.error.message).toContain('请求内容过大');
  });

  it('refuses requests naming a foreign host (DNS rebinding) and serves the renderer with a CSP', async () => {
    t = tempLedger();
    const staticDir = join(t.dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>帮扶台账</title>');
    door = await startHttpDoor({ ledger: t.ledger, staticDir });
    const foreign = await post(door.port, '/api/app:info', '{}', { host: 'evil.example:80' });
    expect(foreign.status).toBe(403);
    const page = await fetch(`${door.url}households/12`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('帮扶台账');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const traversal = await fetch(`${door.url}..%2f..%2fpackage.json`);
    expect(await traversal.text()).toContain('帮扶台账');
    const get = await fetch(`${door.url}api/app:info`);
    expect(get.status).toBe(405);
  });

  it('binds to 127.0.0.1 only', async () => {
    t = tempLedger();
    door = await startHttpDoor({ ledger: t.ledger });
    const address = door.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });
});

describe('CLI door', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
  }

  it('seeds, lists and searches through the same contract, with --json envelopes', async () => {
    t = tempLedger();
    t.ledger.close();
    const c = capture();
    expect(await runCli(['--db', t.dbPath, 'seed', '--households', '30', '--seed', '5'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/已生成 3 个行政村、\d+ 个组、30 户、\d+ 人/);

    const list = capture();
    expect(await runCli(['--db', t.dbPath, '--json', 'households', '--page-size', '5'], list.io)).toBe(0);
    const envelope = JSON.parse(list.out.join('\n')) as Result<{ total: number; rows: unknown[] }>;
    expect(envelope.ok && envelope.data.total).toBe(30);
    expect(envelope.ok && envelope.data.rows).toHaveLength(5);
  });

  it('answers a bad payload with VALIDATION in Chinese and exit code 1', async () => {
    t = tempLedger();
    t.ledger.close();
    const c = capture();
    expect(await runCli(['--db', t.dbPath, '--json', 'call', 'household:save', '{"villageId":1,"status":"NOT_LIFTED","mainCause":"01","members":[{"name":"张三","idNumber":"110101198001019997","relationship":"01"}]}'], c.io)).toBe(1);
    const envelope = JSON.parse(c.out.join('\n')) as Result<unknown>;
    expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!envelope.ok && envelope.error.message).toBe('第 1 名成员（张三）：证件号码校验位错误：最后一位应为“8”，请核对号码是否抄错');

    const seed = capture();
    expect(await runCli(['--db', t.dbPath, 'seed', '--households', 'many'], seed.io)).toBe(1);
    expect(seed.err.join('\n')).toContain('户数应为整数');
    const usage = capture();
    expect(await runCli(['--db', t.dbPath, 'explode'], usage.io)).toBe(2);
    expect(usage.err.join('\n')).toContain('没有“explode”这个命令');
  });
});

describe('IPC door', () => {
  type Handler = (event: IpcMainInvokeEvent, input: unknown) => unknown;
  function fakeIpcMain() {
    const handlers = new Map<string, Handler>();
    return {
      handlers,
      handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel),
    };
  }
  const own = ['file:///opt/bangfu/out/renderer/'];
  const ownFrame = { url: 'file:///opt/bangfu/out/renderer/index.html', parent: null };
  const event = (frame: unknown) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;
  const trusted = senderCheck(own);

  it('allows navigation only to our own bundled page or the dev server', () => {
    expect(isOwnUrl('file:///opt/bangfu/out/renderer/index.html#/households', own)).toBe(true);
    expect(isOwnUrl('https://evil.example/', own)).toBe(false);
    expect(isOwnUrl('file:///etc/passwd', own)).toBe(false);
    expect(isOwnUrl('file:///tmp/out/renderer/evil.html', own)).toBe(false);
    expect(isOwnUrl('http://localhost:5173/#/', [...own, 'http://localhost:5173/'])).toBe(true);
    expect(isOwnUrl('http://localhost:5173/#/', own)).toBe(false);
  });

  it('registers exactly one channel per contract method, and unregisters them', () => {
    t = tempLedger();
    const ipc = fakeIpcMain();
    const dispose = registerIpcDoor(ipc as never, t.ledger, trusted as never);
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('validates like the other doors, refuses foreign senders and oversized payloads', async () => {
    t = tempLedger();
    const ipc = fakeIpcMain();
    registerIpcDoor(ipc as never, t.ledger, trusted as never);
    const save = ipc.handlers.get(ipcChannel('household:save'))!;
    const bad = (await save(event(ownFrame), { villageId: -1 })) as Result<unknown>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请选择行政村' } });

    const foreign = (await save(event({ url: 'https://evil.example/', parent: null }), {})) as Result<unknown>;
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '拒绝来自未知页面的请求' } });
    const subframe = (await save(event({ url: ownFrame.url, parent: ownFrame }), {})) as Result<unknown>;
    expect(subframe.ok).toBe(false);

    const list = ipc.handlers.get(ipcChannel('household:list'))!;
    const huge = (await list(event(ownFrame), { q: 'x'.repeat(2 * 1024 * 1024) })) as Result<unknown>;
    expect(huge).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!huge.ok && huge.error.message).toContain('请求内容过大');
    const fine = (await list(event(ownFrame), {})) as Result<unknown>;
    expect(fine).toMatchObject({ ok: true, data: { total: 0 } });
  });
});
