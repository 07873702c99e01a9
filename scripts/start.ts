/**
 * `npm start`: the desktop app where Electron can run, otherwise the same app in the system
 * browser through the HTTP door. Electron 45 fetches its binary on first launch; offline (and
 * on the build machines) that fails, and the clerk gets one clear line instead of a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../src/main/doors/cli';

const root = resolve(__dirname, '..');
const passThrough = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;

function electronBinary(): string | undefined {
  const existing = () => {
    const pathFile = join(electronDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  };
  if (existing()) return existing();
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return undefined;
  console.log('正在下载 Electron 桌面程序（仅首次需要）……');
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'pipe', timeout: 300_000 });
  return r.status === 0 ? existing() : undefined;
}

/** better-sqlite3 built for Electron's ABI, kept apart from the Node build the CLI and tests load. */
function electronNativeBinding(): string | undefined {
  const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  const work = join(root, '.electron-native', 'build');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  console.log('正在准备桌面版数据库组件（仅首次需要）……');
  const prebuilt = spawnSync(process.execPath, [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', electronVersion], { cwd: work, stdio: 'pipe', timeout: 300_000 });
  if (prebuilt.status !== 0 && process.env.npm_config_node_gyp) {
    spawnSync(process.execPath, [process.env.npm_config_node_gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'pipe', timeout: 600_000 });
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) return undefined;
  mkdirSync(join(root, '.electron-native', electronVersion), { recursive: true });
  copyFileSync(built, target);
  return target;
}

function build(): boolean {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

async function openInBrowser(reason: string): Promise<void> {
  console.log(`${reason}，改为在系统浏览器中打开帮扶台账（可设置 ELECTRON_MIRROR 为可访问的 Electron 镜像后重试 npm start）。`);
  if (!existsSync(join(root, 'out', 'renderer', 'index.html')) && !build()) {
    process.exitCode = 1;
    return;
  }
  process.exitCode = await runCli(['serve', '--open', ...passThrough], {
    out: (t) => console.log(t),
    err: (t) => console.error(t),
  });
}

async function main(): Promise<void> {
  const binary = electronBinary();
  if (!binary) return openInBrowser('未能获取 Electron 桌面程序（离线或网络受限）');
  const nativeBinding = electronNativeBinding();
  if (!nativeBinding) return openInBrowser('未能为桌面程序准备数据库组件（需要联网下载一次）');
  if (!build()) {
    process.exitCode = 1;
    return;
  }
  const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit', env: { ...process.env, BANGFU_NATIVE_BINDING: nativeBinding } });
  child.on('exit', (code) => {
    process.exitCode = code ?? 0;
  });
}

void main();
