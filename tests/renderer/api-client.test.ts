import { afterEach, describe, expect, it, vi } from 'vitest';
import { ledger } from '../../src/renderer/src/api';
import { installFakeLedger, SETTINGS } from './support';

afterEach(() => {
  delete window.ledger;
  vi.unstubAllGlobals();
});

describe('API client: picks the door it was loaded through', () => {
  it('uses the Electron preload when window.ledger exists, and never fetch', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const fake = installFakeLedger();

    const result = await ledger['settings:get']({});

    expect(result).toEqual({ ok: true, data: SETTINGS });
    expect(fake['settings:get']).toHaveBeenCalledWith({});
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('posts to /api/<method> with the raw method name and a JSON body when there is no preload', async () => {
    const envelope = { ok: true, data: { rows: [], total: 0 } };
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify(envelope), { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchSpy);

    const result = await ledger['household:list']({ q: '张', page: 2 });

    expect(result).toEqual(envelope);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/household:list');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ q: '张', page: 2 });
  });

  it('passes a failure envelope from the server through unchanged, field issues included', async () => {
    const envelope = {
      ok: false,
      error: { code: 'VALIDATION', message: '输入有误', details: { issues: [{ path: 'townshipName', message: '请填写乡（镇）名称' }] } },
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(envelope), { status: 400 })));

    expect(await ledger['settings:update']({ townshipName: '', operatorName: '' })).toEqual(envelope);
  });

  it('turns a network failure into an IO envelope with a Chinese message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));

    const result = await ledger['village:list']({});

    expect(result).toEqual({ ok: false, error: { code: 'IO', message: '无法连接到帮扶台账服务，请确认程序仍在运行' } });
  });

  it('reports a reply that is not an envelope (e.g. an HTML error page) instead of crashing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })));

    const result = await ledger['app:info']({});

    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).toContain('HTTP 502');
    }
  });

  it('turns a rejected IPC call into an envelope rather than a thrown error', async () => {
    const fake = installFakeLedger();
    fake['app:info'].mockRejectedValueOnce(new Error("No handler registered for 'ledger:app:info'"));

    const result = await ledger['app:info']({});

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('与帮扶台账主程序通信失败，请重新启动程序后再试');
  });
});
