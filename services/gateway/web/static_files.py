"""The UI's CSS and JavaScript, served by the gateway itself: nothing is loaded from outside the machine."""
from pathlib import Path

from werkzeug.wrappers import Response

from shared.errors import NotFound

STATIC = Path(__file__).with_name("static")
MEDIA_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png"}


def serve(name: str) -> Response:
    # only files directly in static/ with a known type: no path from the URL reaches the disk beyond it
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in MEDIA_TYPES or not path.is_file():
        raise NotFound(f"No static file {name}")
    response = Response(path.read_bytes(), mimetype=MEDIA_TYPES[path.suffix])
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response
