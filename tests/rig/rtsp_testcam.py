#!/usr/bin/python3
"""examsite RTSP test camera: an H.264 RTSP stream on 127.0.0.1 from gst-rtsp-server (Debian packages
python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,ugly}), like an IP camera's
sub-stream, with faults switched on stdin, one word per line:

    normal | cover | freeze

cover turns the picture black (a hand on the lens), freeze shows a still pinwheel while frames keep
coming. Stop the process (SIGSTOP) to stall it, kill it to drop it. Prints "LISTENING <port>" when ready.

    rtsp_testcam.py [--port N] [--size 640x360] [--fps 10]
"""
import argparse
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--size", default="640x360")
    ap.add_argument("--fps", type=int, default=10)
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    # A moving ball (so consecutive frames differ); the pattern is switched for faults: black for a covered
    # lens, a still pinwheel for a frozen picture (its key frames differ slightly, as a frozen camera's do).
    factory.set_launch(
        f"( videotestsrc name=src is-live=true pattern=ball ! video/x-raw,width={w},height={h},framerate={args.fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.fps * 2} ! rtph264pay name=pay0 pt=96 )")
    factory.set_shared(True)
    medias = []
    factory.connect("media-configure", lambda _f, media: medias.append(media))
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        print("rtsp_testcam: cannot listen", file=sys.stderr)
        return 1
    print(f"LISTENING {server.get_bound_port()}", flush=True)

    def apply(fault):
        for media in medias:
            element = media.get_element()
            src = element.get_by_name("src")
            if src is not None:
                src.set_property("pattern", {"cover": "black", "freeze": "pinwheel"}.get(fault, "ball"))
        print(f"rtsp_testcam: fault {fault}", file=sys.stderr, flush=True)
        return False

    def read_commands():
        for line in sys.stdin:
            word = line.strip()
            if word in ("normal", "cover", "freeze"):
                GLib.idle_add(apply, word)
            elif word:
                print(f"rtsp_testcam: unknown fault {word!r}", file=sys.stderr, flush=True)

    threading.Thread(target=read_commands, daemon=True).start()
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
