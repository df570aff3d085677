/* The module reads an index and never writes one, so xapian-core's one use of
 * zlib's compressor (CompressionStream::compress, when glass writes a tag) is
 * never reached. These stand in for the four deflate functions it names, so
 * the linker leaves zlib's compressor (deflate.c, trees.c) out of the module:
 * 5 KiB gzip less. Were a write ever attempted, deflateInit2_ would fail and
 * xapian-core would throw, as it does when zlib runs out of memory. Reading,
 * zlib's inflate, is untouched. */
#include <zlib.h>

int ZEXPORT deflateInit2_(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy,
                          const char* version, int stream_size) {
  (void)strm; (void)level; (void)method; (void)windowBits; (void)memLevel; (void)strategy;
  (void)version; (void)stream_size;
  return Z_STREAM_ERROR;
}
int ZEXPORT deflate(z_streamp strm, int flush) { (void)strm; (void)flush; return Z_STREAM_ERROR; }
int ZEXPORT deflateReset(z_streamp strm) { (void)strm; return Z_STREAM_ERROR; }
int ZEXPORT deflateEnd(z_streamp strm) { (void)strm; return Z_OK; }
