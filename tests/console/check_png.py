#!/usr/bin/env python3
"""Checks a screenshot is not blank: a readable PNG with enough distinct
colours and pixels that differ from the background (standard library only).

    check_png.py FILE.png [--min-colours N] [--min-ink FRACTION]
Prints the figures; exits 1 when the image looks blank or cannot be read."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f'unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})')
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path = args[0]
    min_colours = int(args[args.index('--min-colours') + 1]) if '--min-colours' in args else 64
    min_ink = float(args[args.index('--min-ink') + 1]) if '--min-ink' in args else 0.02
    try:
        width, height, channels, rows = read_png(path)
    except (OSError, ValueError, zlib.error, TypeError, struct.error) as error:
        print(f'{path}: cannot read: {error}')
        return 1
    counts = {}
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x:x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    background, most = max(counts.items(), key=lambda item: item[1])
    ink = 1 - most / (width * height)
    print(f'{path}: {width}x{height}, {len(counts)} distinct colours, {ink:.1%} of pixels differ from the background')
    if len(counts) < min_colours or ink < min_ink:
        print(f'{path}: looks blank (need {min_colours} colours and {min_ink:.0%} ink)')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
