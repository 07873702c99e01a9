import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { createLedger, type Ledger } from '../core';
import { failureOf } from '../core/dispatch';
import { resolveDbPath } from '../core/paths';
import { registerIpcDoor } from '../doors/ipc';
import { denyPermissions, hardenApp, senderCheck } from './security';

/** `--db FILE` on the desktop command line, like the CLI. */
function dbArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('--db');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice('--db='.length);
}

/**
 * Electron loads a better-sqlite3 build for its own ABI, prepared by `npm start`
 * (scripts/start.ts) beside the Node build that tests and the CLI use.
 */
function electronNativeBinding(): string | undefined {
  const candidates = [
    process.env.BANGFU_NATIVE_BINDING,
    // Where scripts/start.ts leaves it, so `npm run dev` finds it too once `npm start` has run.
    join(app.getAppPath(), '.electron-native', process.versions.electron ?? '', 'better_sqlite3.node'),
  ];
  return candidates.find((file): file is string => !!file && existsSync(file));
}

export function startDesktopApp(): void {
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const rendererDir = join(__dirname, '../renderer');
  const own = [`${pathToFileURL(rendererDir).href}/`, ...(devServerUrl ? [devServerUrl] : [])];
  app.enableSandbox();
  hardenApp(app, own);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let ledger: Ledger | undefined;
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    Menu.setApplicationMenu(null);
    try {
      ledger = createLedger({ dbPath: resolveDbPath(dbArgument(process.argv)), nativeBinding: electronNativeBinding() });
    } catch (e) {
      const failure = failureOf(e);
      dialog.showErrorBox('帮扶台账无法打开数据库', failure.ok ? '' : failure.error.message);
      app.quit();
      return;
    }
    registerIpcDoor(ipcMain, ledger, senderCheck(own));
    // The day's backup, page by page in the background; a failure is said, never fatal.
    ledger.startupBackup().catch((e: unknown) => {
      const failure = failureOf(e);
      dialog.showErrorBox('今天的自动备份没有完成', failure.ok ? '' : failure.error.message);
    });

    window = new BrowserWindow({
      width: 1360,
      height: 860,
      minWidth: 1024,
      minHeight: 640,
      title: '帮扶台账',
      show: false,
      webPreferences: {
        preload: join(__dirname, '../preload/index.js'),
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        // Chromium's built-in PDF viewer, for the contact cards' PDF shown on the print page (the only plugin Electron has).
        plugins: true,
      },
    });
    window.once('ready-to-show', () => window?.show());
    if (devServerUrl) void window.loadURL(devServerUrl);
    else void window.loadFile(join(rendererDir, 'index.html'));
  }, (e: unknown) => {
    console.error(e);
    app.quit();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => ledger?.close());
}
