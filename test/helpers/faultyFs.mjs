// Preloaded into the built CLI (`node --import faultyFs.mjs bin/ecs-wizard.js`)
// to make the file system fail as a full disk or a bug would, with nothing in
// ecs-wizard knowing: it patches node:fs/promises, then syncBuiltinESMExports()
// carries the patch into every `import { writeFile } from 'node:fs/promises'`.
//
// ECS_WIZARD_FAULT=CODE:OPERATION:PART
//   CODE       an errno code (ENOSPC, EIO...) or TypeError for a bug
//   OPERATION  write (writeFile) or read (readFile)
//   PART       fail only for paths that contain this text
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [code = '', operation = 'write', part = ''] = (process.env.ECS_WIZARD_FAULT ?? '').split(':');
const ERRNO = { ENOSPC: -28, EIO: -5, EDQUOT: -122, EROFS: -30 };

function failure(syscall, path) {
  if (code === 'TypeError') return new TypeError(`Cannot read properties of undefined (reading 'injected') at ${path}`);
  return Object.assign(new Error(`${code}: injected fault, ${syscall} '${path}'`), { code, errno: ERRNO[code] ?? -1, syscall, path: String(path) });
}

const name = operation === 'read' ? 'readFile' : 'writeFile';
const real = fs.promises[name];
fs.promises[name] = async function faulty(path, ...rest) {
  if (code && String(path).includes(part)) throw failure(operation, path);
  return real.call(this, path, ...rest);
};

// Writes through a FileHandle (open, then handle.writeFile: how a file is
// staged beside its target before it is renamed into place) fail as a full
// disk does there: from write(2), with no path in the error.
const realOpen = fs.promises.open;
const opened = new WeakMap();
fs.promises.open = async function open(path, ...rest) {
  const handle = await realOpen.call(this, path, ...rest);
  opened.set(handle, String(path));
  return handle;
};
if (operation === 'write') {
  const probe = await realOpen('/dev/null', 'r');
  const handleProto = Object.getPrototypeOf(probe);
  await probe.close();
  const realHandleWrite = handleProto.writeFile;
  handleProto.writeFile = async function writeFile(...args) {
    const path = opened.get(this) ?? '';
    if (code && path.includes(part)) {
      if (code === 'TypeError') throw failure('write', path);
      throw Object.assign(new Error(`${code}: injected fault, write`), { code, errno: ERRNO[code] ?? -1, syscall: 'write' });
    }
    return realHandleWrite.apply(this, args);
  };
}
syncBuiltinESMExports();
