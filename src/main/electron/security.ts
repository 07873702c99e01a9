import type { App, Session, WebContents, WebFrameMain } from 'electron';

/**
 * Where the renderer may be: the bundled page's folder (a file:// URL ending in '/') and, in
 * development, the dev server. Anything else is a foreign page.
 */
export type OwnOrigins = readonly string[];

export function isOwnUrl(url: string, own: OwnOrigins): boolean {
  return own.some((prefix) => url.startsWith(prefix));
}

export function senderCheck(own: OwnOrigins) {
  return (frame: WebFrameMain | null): boolean => frame !== null && frame.parent === null && isOwnUrl(frame.url, own);
}

/** Electron's security checklist: no navigation away, no new windows, no permissions, no webviews. */
export function hardenApp(app: App, own: OwnOrigins): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url, own)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url, own)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
