"""Real photographs for the tests, made with Pillow: a phone-sized JPEG of several megabytes, with the
grain and the smooth light of a photo (noise over gradients), so that it compresses as a photo does."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def make_photo(path: Path, width: int = 4000, height: int = 3000, quality: int = 97, grain: int = 28) -> Path:
    """A JPEG photo-like picture at `path` (4000 × 3000 at quality 97 is about 6 MB)."""
    sky = Image.merge("RGB", [Image.linear_gradient("L").resize((width, height)).point(lambda v, k=k: int(v * k))
                              for k in (0.35, 0.55, 0.9)])
    scene = ImageDraw.Draw(sky)
    scene.ellipse((width * 0.1, height * 0.55, width * 0.9, height * 1.4), fill=(40, 110, 60))  # a hill
    scene.rectangle((width * 0.55, height * 0.35, width * 0.8, height * 0.7), fill=(170, 90, 60))  # a hall
    scene.polygon([(width * 0.52, height * 0.36), (width * 0.675, height * 0.2), (width * 0.83, height * 0.36)],
                  fill=(90, 60, 50))
    soft = sky.filter(ImageFilter.GaussianBlur(6))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), grain) for _ in range(3)])
    photo = Image.blend(soft, noise, 0.22)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    photo.save(path, "JPEG", quality=quality, exif=_camera_exif())
    return path


def _camera_exif() -> bytes:
    """What a phone writes into a photo: its make and model, and where it was taken (GPS)."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0112] = 1  # Orientation
    exif[0x8825] = {1: "N", 2: (54.0, 58.0, 30.0), 3: "W", 4: (1.0, 36.0, 10.0)}  # GPS: Newcastle
    return exif.tobytes()
