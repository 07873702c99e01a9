import { runCli } from './doors/cli';

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`程序内部错误：${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
