#!/usr/bin/env python3
"""Writes the characters the browser console's font subset must cover:
every character of the given files (the knowledge base, the UI and core
sources whose strings the console shows) plus the 3,755 most common Chinese
characters (GB 2312 level 1), so what customers type in a handoff renders too.

    font_text.py OUT FILE..."""
import sys


def gb2312_level1():
    chars = []
    for row in range(0xB0, 0xD8):  # level 1: rows 16-55
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return ''.join(chars)


def main():
    out, files = sys.argv[1], sys.argv[2:]
    seen = set(gb2312_level1())
    for path in files:
        with open(path, encoding='utf-8', errors='replace') as f:
            seen.update(f.read())
    seen.discard('\ufffd')
    with open(out, 'w', encoding='utf-8') as f:
        f.write(''.join(sorted(c for c in seen if c.isprintable())))


if __name__ == '__main__':
    main()
