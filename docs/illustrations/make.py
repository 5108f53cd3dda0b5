"""Draws the demo site's before/after illustrations of scalp micropigmentation (SMP).

Every picture is a rendered drawing, not a photo of a patient, and says so in the picture
("Illustration"). Run from the repository root:

    python3 docs/illustrations/make.py

It writes 1600x1200 JPEGs to static/img/results/. The drawing is seeded, so a run gives
the same pictures every time (for the same Pillow version).
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 1600, 1200
OUT = Path(__file__).resolve().parents[2] / "static" / "img" / "results"
SKIN = (214, 170, 140)
SKIN_SHADE = (176, 128, 100)
BACKDROP = (226, 232, 234)
PIGMENT = (58, 50, 48)
HAIR = (44, 36, 32)


def font(size):
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def shaded_ellipse(img, box, light, dark):
    """An ellipse lit from the top left: rings from the dark edge to the light centre."""
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    steps = 40
    for i in range(steps):
        t = i / (steps - 1)
        colour = tuple(int(dark[c] + (light[c] - dark[c]) * t) for c in range(3))
        inset_x = (x1 - x0) * 0.45 * t
        inset_y = (y1 - y0) * 0.45 * t
        shift = 0.25 * t
        draw.ellipse(
            (
                x0 + inset_x - (x1 - x0) * shift * 0.3,
                y0 + inset_y - (y1 - y0) * shift * 0.3,
                x1 - inset_x - (x1 - x0) * shift * 0.3,
                y1 - inset_y - (y1 - y0) * shift * 0.3,
            ),
            fill=colour,
        )
    return img.filter(ImageFilter.GaussianBlur(18))


def dots(draw, rng, inside, count, size, colour, jitter=0.35):
    """`count` pigment dots at random points for which `inside(x, y)` is a density 0..1."""
    placed = 0
    tries = 0
    while placed < count and tries < count * 30:
        tries += 1
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        if rng.random() > inside(x, y):
            continue
        r = size * rng.uniform(1 - jitter, 1 + jitter)
        shade = rng.randint(-12, 12)
        c = tuple(max(0, min(255, v + shade)) for v in colour)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=c)
        placed += 1


def hairs(draw, rng, inside, count, length, colour):
    """Short hairs: thin strokes leaning back from the face."""
    for _ in range(count * 30):
        if count <= 0:
            break
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        if rng.random() > inside(x, y):
            continue
        angle = rng.uniform(-0.5, 0.5) + math.pi / 2
        l = length * rng.uniform(0.6, 1.2)
        draw.line((x, y, x + math.cos(angle) * l * 0.4, y + math.sin(angle) * l), fill=colour, width=2)
        count -= 1


def finish(img, title, state, name):
    """Labels, film-like noise, and the JPEG."""
    draw = ImageDraw.Draw(img)
    band = 92
    draw.rectangle((0, H - band, W, H), fill=(20, 40, 44))
    draw.text((40, H - band + 22), f"ILLUSTRATION · {state.upper()}", font=font(42), fill=(255, 255, 255))
    draw.text((W - 40, H - band + 30), title, font=font(30), fill=(200, 225, 222), anchor="ra")
    draw.rectangle((24, 20, 600, 72), fill=(245, 248, 248))
    draw.text((40, 28), "Illustration, not a patient photo", font=font(30), fill=(40, 60, 64))
    noise = Image.effect_noise((W, H), 28).convert("RGB")
    img = Image.blend(img, noise, 0.07)
    OUT.mkdir(parents=True, exist_ok=True)
    img.save(OUT / name, "JPEG", quality=72, optimize=True, progressive=True)


def head_from_above(after, thinning):
    """A head seen from above; `thinning(x, y)` is where hair is missing (0..1)."""
    img = Image.new("RGB", (W, H), BACKDROP)
    img = shaded_ellipse(img, (380, 110, 1220, 1090), SKIN, SKIN_SHADE)
    draw = ImageDraw.Draw(img)
    cx, cy, rx, ry = 800, 600, 400, 470

    def on_head(x, y):
        d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
        return d < 1

    def hair_density(x, y):
        if not on_head(x, y):
            return 0
        return 1 - thinning(x, y)

    rng = random.Random(7)
    hairs(draw, rng, hair_density, 9000, 14, HAIR)
    if after:
        def filled(x, y):
            return 0.9 if on_head(x, y) and y > 215 + 30 * math.cos((x - cx) / 180) else 0
        dots(draw, random.Random(11), filled, 15000, 2.2, PIGMENT)
    return img


def hairline_top(after):
    def thinning(x, y):
        # Receded front (top of the picture) and temples.
        front = max(0, 1 - (y - 130) / 420)
        temples = max(0, 1 - abs(x - 800) / 260) * max(0, 1 - (y - 130) / 300)
        return min(1, front + temples * 0.5)
    img = head_from_above(after, thinning)
    state = "After SMP" if after else "Before SMP"
    finish(img, "Hairline from above", state, f"hairline-top-{'after' if after else 'before'}.jpg")


def crown(after):
    def thinning(x, y):
        d = math.hypot(x - 800, y - 700) / 300
        return max(0, 1 - d) ** 0.7
    img = head_from_above(after, thinning)
    state = "After SMP" if after else "Before SMP"
    finish(img, "Crown from above", state, f"crown-{'after' if after else 'before'}.jpg")


def hairline_side(after):
    """A head in profile, facing left."""
    img = Image.new("RGB", (W, H), BACKDROP)
    img = shaded_ellipse(img, (420, 180, 1180, 1020), SKIN, SKIN_SHADE)
    draw = ImageDraw.Draw(img)
    # Face, ear and neck, simply.
    draw.polygon([(470, 520), (380, 640), (440, 660), (420, 760), (520, 900), (700, 1000), (640, 1200), (980, 1200), (1000, 980)], fill=SKIN)
    draw.ellipse((820, 560, 900, 700), fill=SKIN_SHADE)
    img = img.filter(ImageFilter.GaussianBlur(3))
    draw = ImageDraw.Draw(img)
    cx, cy = 800, 600

    def scalp(x, y):
        return ((x - cx) / 380) ** 2 + ((y - cy) / 420) ** 2 < 1 and y < 760

    def natural(x, y):
        # Hair at the back and sides only: the top and front are bare.
        return 1.0 if scalp(x, y) and (x - 760) + (y - 520) > 40 else 0

    hairs(draw, random.Random(3), natural, 6000, 14, HAIR)
    if after:
        def filled(x, y):
            hairline = 560 + (y - 200) * 0.35
            return 0.85 if scalp(x, y) and x > hairline and y < 700 else 0
        dots(draw, random.Random(5), filled, 12000, 2.2, PIGMENT)
    state = "After SMP" if after else "Before SMP"
    finish(img, "Hairline from the side", state, f"hairline-side-{'after' if after else 'before'}.jpg")


def density(after):
    """A close view of the scalp: follicles, and pigment dots between them after."""
    img = Image.new("RGB", (W, H), SKIN)
    img = shaded_ellipse(img, (-300, -300, W + 300, H + 300), SKIN, SKIN_SHADE)
    draw = ImageDraw.Draw(img)
    rng = random.Random(13)
    for _ in range(420):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        r = rng.uniform(5, 8)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=HAIR)
    if after:
        dots(draw, random.Random(17), lambda x, y: 1, 3200, 5.0, PIGMENT, jitter=0.45)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    state = "After SMP" if after else "Before SMP"
    finish(img, "Dot density, close up", state, f"density-{'after' if after else 'before'}.jpg")


def scar(after):
    """The back of the head with a linear scar, then the scar hidden by dots."""
    img = Image.new("RGB", (W, H), SKIN)
    img = shaded_ellipse(img, (-200, -300, W + 200, H + 300), SKIN, SKIN_SHADE)
    draw = ImageDraw.Draw(img)

    def on_scar(x, y):
        return abs(y - (600 + 60 * math.sin(x / 260))) < 26

    hairs(draw, random.Random(19), lambda x, y: 0 if on_scar(x, y) else 1, 12000, 14, HAIR)
    for x in range(0, W, 4):
        yc = 600 + 60 * math.sin(x / 260)
        draw.line((x, yc - 18, x, yc + 18), fill=(232, 196, 176))
    img = img.filter(ImageFilter.GaussianBlur(1.5))
    draw = ImageDraw.Draw(img)
    if after:
        dots(draw, random.Random(23), lambda x, y: 1 if on_scar(x, y) else 0, 1500, 2.4, HAIR)
    state = "After SMP" if after else "Before SMP"
    finish(img, "Scar camouflage", state, f"scar-{'after' if after else 'before'}.jpg")


if __name__ == "__main__":
    for draw_pair in (hairline_top, hairline_side, density, crown, scar):
        draw_pair(False)
        draw_pair(True)
    for f in sorted(OUT.glob("*.jpg")):
        print(f"{f.relative_to(OUT.parents[2])}: {f.stat().st_size // 1024} KB")
