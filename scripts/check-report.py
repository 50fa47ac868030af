#!/usr/bin/env python3
"""Renders one kubesim report.html in headless Chromium and checks what a reader would see.

    check-report.py REPORT.html NAME [--keep DIR]

Fails (exit 1, with the reason) unless
  1. the screenshot is not blank: enough pixels differ from the page background, in many
     colours, both in the whole viewport and below the header (so a page of only a header fails);
  2. NAME is visible: Tesseract reads it in the top of the screenshot (tolerant match: OCR may
     misread a letter in a long name), and the DOM Chromium rendered (--dump-dom) has exactly NAME
     as the text of the page heading (header > h1) and in the title.

Chromium (new headless mode) runs with a throw-away profile and no DNS (the report must not need
the network: a remote font or image would simply be missing from the screenshot). The screenshot,
DOM and OCR text stay in --keep DIR (or a temporary directory that is removed on success and
printed on failure), so a failure can be looked at.
"""

import argparse
import difflib
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageOps

# Viewport: wide enough for the report's 980 px column, tall enough for the header, the pod
# cards and the first charts.
WIDTH, HEIGHT = 1280, 2000
# The top band OCR reads: the header (about 100 px) and the first section's heading.
OCR_BAND = 200
# Not blank: share of ink (pixels further than INK_DISTANCE from the background in some channel)
# and distinct colours. A rendered report has about 13% ink (9% below the header) and thousands
# of colours (anti-aliased text, gradient, charts); a blank page has 0% and one colour, a page of
# only the header about 5% and nothing below it.
INK_DISTANCE = 32
MIN_INK_SHARE = 0.07
MIN_INK_SHARE_BELOW_HEADER = 0.03
MIN_COLOURS = 64
# OCR tolerance: difflib ratio between the name and the best-matching stretch of an OCR line.
# 0.8 forgives one misread letter in five or more; names of four letters or fewer must match.
MIN_OCR_RATIO = 0.8


class Failure(Exception):
    pass


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise Failure("chromium not found (scripts/bootstrap --test-tools installs Debian's chromium)")


def chromium(binary, profile, arguments, url):
    """Runs headless Chromium once (new headless mode, the only one Chromium >= 132 has)."""
    command = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--hide-scrollbars", "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
        # No DNS: the report must be self-contained.
        "--host-resolver-rules=MAP * ~NOTFOUND", *arguments, url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise Failure(f"chromium exited {result.returncode}:\n{result.stderr[-2000:]}")
    return result.stdout


class HeadingParser(html.parser.HTMLParser):
    """Collects the text of the page's <title> (not the charts' tooltips), of <header><h1>, and
    counts <svg> elements."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.title = ""
        self.heading = ""
        self.svgs = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svgs += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title" and "svg" not in self.stack:
            self.title += data
        if self.stack and self.stack[-1] == "h1" and "header" in self.stack:
            self.heading += data


def collapse(text):
    return " ".join(text.split())


def normalised(text):
    """Lower case letters and digits only: OCR drops or misreads punctuation and spaces."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def ink_share(image, background):
    """Share of pixels whose colour differs from the background by more than INK_DISTANCE in some
    channel (so the page margin's #fafbfc next to white cards and hairline borders are not ink)."""
    difference = ImageChops.difference(image, Image.new("RGB", image.size, background))
    red, green, blue = difference.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    histogram = distance.histogram()
    return sum(histogram[INK_DISTANCE + 1:]) / (image.size[0] * image.size[1])


def check_pixels(png):
    image = Image.open(png).convert("RGB")
    if image.size != (WIDTH, HEIGHT):
        raise Failure(f"screenshot is {image.size}, expected {(WIDTH, HEIGHT)}")
    colours = image.getcolors(maxcolors=WIDTH * HEIGHT)
    _, background = max(colours)
    ink = ink_share(image, background)
    ink_below = ink_share(image.crop((0, OCR_BAND, WIDTH, HEIGHT)), background)
    print(f"  pixels: background #{background[0]:02x}{background[1]:02x}{background[2]:02x}, "
          f"{ink:.1%} ink ({ink_below:.1%} below the header), {len(colours)} colours")
    if ink < MIN_INK_SHARE:
        raise Failure(f"page looks blank: only {ink:.2%} of pixels differ from the background (need {MIN_INK_SHARE:.0%})")
    if ink_below < MIN_INK_SHARE_BELOW_HEADER:
        raise Failure(f"page looks blank below the header: {ink_below:.2%} ink (need {MIN_INK_SHARE_BELOW_HEADER:.0%})")
    if len(colours) < MIN_COLOURS:
        raise Failure(f"page looks blank: only {len(colours)} distinct colours (need {MIN_COLOURS})")
    return image


def ocr_lines(image, workdir):
    """Tesseract's lines from the top band, read in both polarities (the header is light on dark)."""
    tesseract = shutil.which("tesseract")
    if not tesseract:
        raise Failure("tesseract not found (scripts/bootstrap --test-tools installs Debian's tesseract-ocr)")
    band = ImageOps.grayscale(image.crop((0, 0, WIDTH, OCR_BAND)))
    band = band.resize((WIDTH * 2, OCR_BAND * 2), Image.LANCZOS)
    lines = []
    for polarity, variant in (("dark-on-light", band), ("light-on-dark", ImageOps.invert(band))):
        path = os.path.join(workdir, f"top-{polarity}.png")
        variant.save(path)
        # --psm 6: one uniform block of text, which the band is.
        result = subprocess.run([tesseract, path, "stdout", "--psm", "6"], capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise Failure(f"tesseract exited {result.returncode}: {result.stderr.strip()}")
        lines += [line for line in result.stdout.splitlines() if line.strip()]
    with open(os.path.join(workdir, "top.txt"), "w") as out:
        out.write("\n".join(lines) + "\n")
    return lines


def ocr_ratio(name, lines):
    """Best difflib ratio between the name and any stretch of an OCR line of about its length."""
    target = normalised(name)
    best = 0.0
    for line in lines:
        text = normalised(line)
        for length in (len(target) - 1, len(target), len(target) + 1):
            if length <= 0:
                continue
            for start in range(max(1, len(text) - length + 1)):
                ratio = difflib.SequenceMatcher(None, target, text[start:start + length]).ratio()
                best = max(best, ratio)
    return best


def check(report, name, workdir):
    if not os.path.isfile(report):
        raise Failure(f"no such report: {report}")
    url = "file://" + os.path.abspath(report)
    binary = chromium_binary()
    png = os.path.join(workdir, "report.png")
    chromium(binary, os.path.join(workdir, "profile"), [f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}"], url)
    if not os.path.isfile(png):
        raise Failure("chromium wrote no screenshot")
    image = check_pixels(png)

    dom = chromium(binary, os.path.join(workdir, "profile"), ["--dump-dom"], url)
    with open(os.path.join(workdir, "dom.html"), "w") as out:
        out.write(dom)
    parser = HeadingParser()
    parser.feed(dom)
    print(f"  DOM: heading {collapse(parser.heading)!r}, title {collapse(parser.title)!r}, {parser.svgs} svg")
    if collapse(parser.heading) != collapse(name):
        raise Failure(f"rendered heading is {collapse(parser.heading)!r}, expected {name!r}")
    if collapse(name) not in collapse(parser.title):
        raise Failure(f"rendered title {collapse(parser.title)!r} does not contain {name!r}")

    lines = ocr_lines(image, workdir)
    ratio = ocr_ratio(name, lines)
    print(f"  OCR of the top {OCR_BAND} px: {' | '.join(lines)[:160]!r}; best match for {name!r}: {ratio:.2f}")
    minimum = 1.0 if len(normalised(name)) <= 4 else MIN_OCR_RATIO
    if ratio < minimum:
        raise Failure(f"{name!r} is not visible at the top of the page (OCR match {ratio:.2f} < {minimum:.2f})")


def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("report", help="the report.html to render")
    arguments.add_argument("name", help="the scenario name the page must show")
    arguments.add_argument("--keep", help="directory for the screenshot, DOM and OCR text (kept)")
    options = arguments.parse_args()
    workdir = options.keep or tempfile.mkdtemp(prefix="kubesim-report-")
    os.makedirs(workdir, exist_ok=True)
    print(f"check-report: {options.report} (expecting {options.name!r})")
    try:
        check(options.report, options.name, workdir)
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL {options.report}: {failure}\n  screenshot, DOM and OCR text in {workdir}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(os.path.join(workdir, "profile"), ignore_errors=True)
    if not options.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"ok   {options.report}: not blank, shows {options.name!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
