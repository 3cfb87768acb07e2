#!/usr/bin/env python3
"""check-cover.py SCREENSHOT.png: does the kiosk's check-in screen cover the whole output?

Reads the screenshot through ffmpeg (raw RGB) and checks that no edge row or column shows the
compositor's black background (the window smaller than the output or moved), and that the top corners
are the check-in screen's header colour (Theme.primaryDark, #172554, within 10 per channel: cage
renders it as #102452): a window title bar or client-side decoration would sit there instead. Exit 0 covered, 1 not (the reason on stderr)."""
import subprocess
import sys

HEADER = (0x17, 0x25, 0x54)


def main(path):
    probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                            "stream=width,height", "-of", "csv=p=0", path],
                           check=True, capture_output=True, text=True).stdout.strip()
    width, height = (int(v) for v in probe.split(","))
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    if len(raw) != width * height * 3:
        sys.exit(f"{path}: expected {width}x{height} RGB pixels, got {len(raw)} bytes")

    def px(x, y):
        i = (y * width + x) * 3
        return tuple(raw[i:i + 3])

    problems = []
    edges = {"top": [(x, 0) for x in range(width)], "bottom": [(x, height - 1) for x in range(width)],
             "left": [(0, y) for y in range(height)], "right": [(width - 1, y) for y in range(height)]}
    for name, points in edges.items():
        black = sum(1 for x, y in points if px(x, y) == (0, 0, 0))
        if black:
            problems.append(f"{black} black pixels on the {name} edge (the compositor's background shows)")
    for x, y in ((0, 0), (width - 1, 0), (width // 2, 2)):
        got = px(x, y)
        if max(abs(a - b) for a, b in zip(got, HEADER)) > 10:  # the compositor's rendering shifts it slightly
            problems.append(f"pixel ({x},{y}) is #{bytes(got).hex()}, not the check-in header #172554 "
                            "(a title bar or decoration?)")
    if problems:
        print(f"{path} ({width}x{height}):\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"{path}: {width}x{height}, the check-in screen covers the output", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
