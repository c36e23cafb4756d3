/**
 * Writes a file so that a reader sees either the old text or the new, never a half-written
 * file: a temporary file in the same directory, fsynced, then renamed over the target. A
 * symlink is written through (its target changes, the link stays); an existing file keeps its
 * mode. Used for every file the CLIs write (stack files, --out).
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** A file the CLIs cannot (or must not) write: one line for the user, exit code 2. */
export class FileWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileWriteError";
  }
}

/** Symlinks followed to the file they name (which may not exist yet); other paths as given. */
export function resolveWriteTarget(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      // Not there (yet): the directory's own links still count.
      const dir = path.dirname(current);
      return path.join(fs.existsSync(dir) ? fs.realpathSync(dir) : dir, path.basename(current));
    }
    if (!stat.isSymbolicLink()) return fs.realpathSync(current);
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw new FileWriteError(`cannot write ${file}: too many levels of symbolic links`);
}

/**
 * Why `file` cannot be written, or undefined. Read-only means no write bit at all: that holds
 * for root too, who could otherwise replace a file its owner marked read-only.
 */
export function writeProblem(file: string): string | undefined {
  const target = resolveWriteTarget(file);
  const shown = target === path.resolve(file) ? file : `${file} (→ ${target})`;
  const dir = path.dirname(target);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    return `cannot write ${shown}: directory ${dir} does not exist`;
  }
  if (!dirStat.isDirectory()) return `cannot write ${shown}: ${dir} is not a directory`;
  const existing = fs.existsSync(target) ? fs.statSync(target) : undefined;
  if (existing && !existing.isFile()) return `cannot write ${shown}: it is not a regular file`;
  if (existing && (!(existing.mode & 0o222) || !accessible(target))) {
    return `cannot write ${shown}: the file is read-only (mode ${modeText(existing.mode)})`;
  }
  // The new text goes to a temporary file beside the target, so the directory must be writable.
  if (!(dirStat.mode & 0o222) || !accessible(dir)) return `cannot write ${shown}: directory ${dir} is read-only (mode ${modeText(dirStat.mode)})`;
  return undefined;
}

function accessible(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const modeText = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, "0");

/** Writes `text` to `file` atomically; returns the path written (a symlink's target). */
export function writeFileAtomic(file: string, text: string): string {
  const problem = writeProblem(file);
  if (problem) throw new FileWriteError(problem);
  const target = resolveWriteTarget(file);
  const dir = path.dirname(target);
  const existing = fs.existsSync(target) ? fs.statSync(target) : undefined;
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, "wx", existing ? existing.mode & 0o7777 : 0o666);
    if (existing) {
      fs.fchmodSync(fd, existing.mode & 0o7777); // the umask narrowed the mode at open
      if (process.getuid?.() === 0) fs.fchownSync(fd, existing.uid, existing.gid);
    }
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    // "EACCES: permission denied, open '<temp path>'": the reason without the temporary name.
    throw new FileWriteError(`cannot write ${file}: ${(e as Error).message.split(", ")[0]}`);
  }
  syncDirectory(dir);
  return target;
}

/** The rename itself reaches the disk when the directory is synced (not every platform allows it). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // best effort: the rename has happened either way
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
