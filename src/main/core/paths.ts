import { homedir } from 'node:os';
import { join } from 'node:path';

export const DB_ENV_VAR = 'BANGFU_LEDGER_DB';
const APP_FOLDER = 'bangfu-ledger';

/** The per-user data folder, the same one the desktop app and the CLI use. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** `--db FILE` wins, then the environment variable, then the user data folder. */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env[DB_ENV_VAR] ?? join(userDataDir(env), 'ledger.sqlite');
}
