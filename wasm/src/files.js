// The module's files (--js-library): a small table of read-only files by
// path, in place of Emscripten's file system (-sFILESYSTEM=0, 12 KB less
// gzip of glue). The core opens its index by path and reads it through the
// descriptor (core/src/index.cpp), so these system calls are all it needs;
// everything else a C library might ask is refused (ENOSYS) or, for stdout
// and stderr, printed to the console.
//
//   Module.files.put(path, source)   source: a Uint8Array, or an object with
//                                    `size` and read(target, position, length)
//                                    -> bytes copied (it may throw: the read
//                                    then fails with EIO), e.g. a published
//                                    index read by need (web/index-reader.js)
//   Module.files.get(path)           the source, or undefined
//   Module.files.remove(path)
mergeInto(LibraryManager.library, {
  $FILES: {
    byPath: null,       // path -> source (a Map, made by the postset: a library's values are copied as source text)
    open: null,         // descriptor - FIRST_FD -> {source, position} or null
    FIRST_FD: 3,        // 0-2: stdin, stdout, stderr
    // WASI's numbers, as Emscripten's C library reads them.
    EBADF: 8, EINVAL: 28, EIO: 29, ENOENT: 44, ENOSYS: 52, EROFS: 69,

    put: function(path, source) {
      if (source instanceof Uint8Array) {
        const bytes = source;
        source = {
          size: bytes.length,
          read: function(target, position, length) {
            const part = bytes.subarray(position, Math.min(bytes.length, position + length));
            target.set(part);
            return part.length;
          },
          bytes: bytes,
        };
      }
      FILES.byPath.set(path, source);
    },
    get: function(path) {
      const source = FILES.byPath.get(path);
      return source && source.bytes ? source.bytes : source;
    },
    remove: function(path) {
      FILES.byPath.delete(path);
    },
    file: function(fd) {
      return FILES.open[fd - FILES.FIRST_FD] || null;
    },
    /** Reads into the buffers of an iovec array from `position`; the bytes read, or throws. */
    readv: function(source, iov, iovcnt, position) {
      let done = 0;
      for (let i = 0; i < iovcnt; i++) {
        const ptr = HEAPU32[(iov + i * 8) >> 2];
        const len = HEAPU32[(iov + i * 8 + 4) >> 2];
        const want = Math.max(0, Math.min(len, source.size - position));
        const got = want ? source.read(HEAPU8.subarray(ptr, ptr + want), position, want) : 0;
        done += got;
        position += got;
        if (got < len) break;
      }
      return done;
    },
  },
  $FILES__postset: "FILES.byPath = new Map(); FILES.open = [];" +
                   "Module['files'] = { put: FILES.put, get: FILES.get, remove: FILES.remove };",

  __syscall_open__deps: ['$FILES'],
  __syscall_open: function(path, flags, varargs) {
    const source = FILES.byPath.get(UTF8ToString(path));
    if (!source) return -FILES.ENOENT;
    if ((flags & 3) !== 0) return -FILES.EROFS;  // O_WRONLY or O_RDWR
    let slot = FILES.open.indexOf(null);
    if (slot < 0) slot = FILES.open.push(null) - 1;
    FILES.open[slot] = { source: source, position: 0 };
    return slot + FILES.FIRST_FD;
  },
  __syscall_stat64__deps: ['$FILES'],
  __syscall_stat64: function(path, buf) {
    const source = FILES.byPath.get(UTF8ToString(path));
    if (!source) return -FILES.ENOENT;
    HEAPU8.fill(0, buf, buf + 88);
    HEAP32[(buf + 12) >> 2] = 0x8124;  // S_IFREG | 0444
    HEAP32[(buf + 16) >> 2] = 1;       // nlink
    HEAP64[(buf + 40) >> 3] = BigInt(source.size);
    HEAP32[(buf + 48) >> 2] = 4096;    // blksize
    HEAP32[(buf + 52) >> 2] = Math.ceil(source.size / 512);
    return 0;
  },
  __syscall_fcntl64__deps: ['$FILES'],
  __syscall_fcntl64: function(fd, cmd, varargs) {
    return FILES.file(fd) ? 0 : -FILES.EBADF;  // descriptor flags (close-on-exec): nothing to keep
  },
  __syscall_fadvise64_64: function(fd, offset, len, advice) {
    return 0;
  },
  __syscall_unlink__deps: ['$FILES'],
  __syscall_unlink: function(path) {
    return FILES.byPath.has(UTF8ToString(path)) ? -FILES.EROFS : -FILES.ENOENT;
  },
  fd_close__deps: ['$FILES'],
  fd_close: function(fd) {
    if (!FILES.file(fd)) return FILES.EBADF;
    FILES.open[fd - FILES.FIRST_FD] = null;
    return 0;
  },
  fd_pread__deps: ['$FILES'],
  fd_pread: function(fd, iov, iovcnt, offset, pnum) {
    const file = FILES.file(fd);
    if (!file) return FILES.EBADF;
    try {
      HEAPU32[pnum >> 2] = FILES.readv(file.source, iov, iovcnt, Number(offset));
      return 0;
    } catch (error) {
      return FILES.EIO;
    }
  },
  fd_read__deps: ['$FILES'],
  fd_read: function(fd, iov, iovcnt, pnum) {
    const file = FILES.file(fd);
    if (!file) return FILES.EBADF;
    try {
      const done = FILES.readv(file.source, iov, iovcnt, file.position);
      file.position += done;
      HEAPU32[pnum >> 2] = done;
      return 0;
    } catch (error) {
      return FILES.EIO;
    }
  },
  fd_seek__deps: ['$FILES'],
  fd_seek: function(fd, offset, whence, newOffset) {
    const file = FILES.file(fd);
    if (!file) return FILES.EBADF;
    const base = whence === 0 ? 0 : whence === 1 ? file.position : whence === 2 ? file.source.size : NaN;
    const position = base + Number(offset);
    if (!(position >= 0)) return FILES.EINVAL;
    file.position = position;
    HEAP64[newOffset >> 3] = BigInt(position);
    return 0;
  },
  fd_pwrite__deps: ['$FILES'],
  fd_pwrite: function(fd, iov, iovcnt, offset, pnum) {
    return FILES.file(fd) ? FILES.EROFS : FILES.EBADF;
  },
  fd_write__deps: ['$FILES'],
  fd_write: function(fd, iov, iovcnt, pnum) {
    if (fd !== 1 && fd !== 2) return FILES.file(fd) ? FILES.EROFS : FILES.EBADF;
    let text = '';
    let done = 0;
    for (let i = 0; i < iovcnt; i++) {
      const ptr = HEAPU32[(iov + i * 8) >> 2];
      const len = HEAPU32[(iov + i * 8 + 4) >> 2];
      text += UTF8ArrayToString(HEAPU8, ptr, len);
      done += len;
    }
    (fd === 1 ? out : err)(text.replace(/\n$/, ''));
    HEAPU32[pnum >> 2] = done;
    return 0;
  },
});
