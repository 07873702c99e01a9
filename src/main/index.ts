import { startDesktopApp } from './electron/app';

startDesktopApp();
