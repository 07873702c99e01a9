import type { App, Session, WebContents, WebFrameMain } from 'electron';

/** The renderer may only ever be our bundled page, or the dev server while developing. */
export function isOwnUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.startsWith('file://') && url.includes('/out/renderer/');
}

export function senderCheck(devServerUrl: string | undefined) {
  return (frame: WebFrameMain | null): boolean => frame !== null && frame.parent === null && isOwnUrl(frame.url, devServerUrl);
}

/** Electron's security checklist: no navigation away, no new windows, no permissions, no webviews. */
export function hardenApp(app: App, devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
