// Runs a command in this terminal and reports how it ended: its exit code, or
// the signal that killed it (a wizard that let the terminal's SIGINT kill it
// did not end cleanly), then the terminal's modes as the command left them.
// Used by test/e2e/startupInterrupt.test.ts; it ignores the Ctrl-C itself
// (a handler, so the command it starts gets the default disposition).
import { execFileSync, spawn } from 'node:child_process';

process.on('SIGINT', () => {});
const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit' });
process.stdout.write(`STARTED pid=${child.pid}\r\n`);
child.on('exit', (code, signal) => {
  const modes = execFileSync('stty', ['-a'], { stdio: ['inherit', 'pipe', 'pipe'], encoding: 'utf8' });
  const on = (mode) => new RegExp(`(^|\\s)${mode}(\\s|$)`).test(modes);
  process.stdout.write(`\r\nENDED code=${code} signal=${signal} icanon=${on('icanon')} echo=${on('echo')}\r\n`);
});
