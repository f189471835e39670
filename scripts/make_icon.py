"""Draw the application icon (a bone on a rounded square) as PNG and multi-size ICO.

Usage: python scripts/make_icon.py   (writes resources/icons/boneage.png and boneage.ico)
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    scale = 4  # draw large, then downsample for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, s - 1, s - 1], radius=s // 5, fill=(22, 78, 99, 255))
    bone = (240, 236, 226, 255)
    r = s * 0.11
    # A diagonal bone: a shaft and two knuckles at each end.
    x0, y0, x1, y1 = s * 0.30, s * 0.70, s * 0.70, s * 0.30
    d.line([(x0, y0), (x1, y1)], fill=bone, width=int(s * 0.13))
    for cx, cy in ((x0, y0), (x1, y1)):
        for k in (-0.065, 0.065):  # across the shaft, which runs along (1, -1)
            ox, oy = k * s, k * s
            d.ellipse([cx + ox - r, cy + oy - r, cx + ox + r, cy + oy + r], fill=bone)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw(256)
    icon.save(OUT / "boneage.png")
    icon.save(OUT / "boneage.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                          (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
