"""The page a measure's owner sees behind the progress link in their task's message.

No account is needed: the signed link names its own task. Opening it (GET) only shows the measure
and what was reported before; reporting it is a POST (in progress / done, with an optional comment),
so a mail scanner fetching the link changes nothing. The service that owns the measure records the
report in the measure's history, where the coordinator sees it.

The page is in both languages (bokmål first, English marked as such): whoever follows the link has
no session and so no chosen language.
"""
from html import escape

from marshmallow import Schema, fields, validate
from werkzeug.wrappers import Response

from services.gateway.schemas import COMMENT_MAX
from services.notifications.schemas import MeasureProgressViewSchema  # noqa: F401  (the routes' answer)
from shared.contracts.notifications import MEASURE_PROGRESS

_PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>{title}</h1>
{body}
</body></html>"""
_PROGRESS = {"in_progress": ("Under arbeid", "In progress"), "done": ("Gjennomført", "Done")}
_STATUS = {"proposed": ("foreslått", "proposed"), "decided": ("besluttet", "decided"),
           "in_progress": ("under arbeid", "in progress"), "continuous": ("løpende", "continuous"),
           "done": ("gjennomført", "done"), "cancelled": ("avlyst", "cancelled"), "planned": ("planlagt", "planned")}


class ProgressBodySchema(Schema):
    """POST /progress/{token}: the owner's report."""
    example = {"progress": "in_progress", "comment": "Bestilt hos leverandøren, levering i uke 6."}
    progress = fields.String(required=True, validate=validate.OneOf(MEASURE_PROGRESS),
                             metadata={"description": "in_progress or done"})
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=COMMENT_MAX),
                            metadata={"description": "what was done, or what stands in the way (optional)"})


def _page(title: str, body: str, status: int = 200) -> Response:
    return Response(_PAGE.format(title=escape(title), body=body), status=status, mimetype="text/html")


def _both(pair: tuple[str, str]) -> str:
    return f'{escape(pair[0])} / <span lang="en">{escape(pair[1])}</span>'


def view(measure: dict, action_url: str, notice: str = "", status: int = 200) -> Response:
    """The measure, what was reported, and (while the task is open) the form."""
    state = _STATUS.get(measure.get("status"), (measure.get("status"), measure.get("status")))
    about = (f"<p>Risiko / <span lang=\"en\">Risk</span>: {escape(measure['owner_title'])}</p>"
             if measure.get("owner_title") else "")
    reported = "".join(
        f"<li>{escape(entry['at'][:16].replace('T', ' '))} UTC: {_both(_PROGRESS.get(entry['progress'], ('', '')))}"
        f"{': ' + escape(entry['comment']) if entry.get('comment') else ''}</li>"
        for entry in measure.get("progress", []))
    history = (f"<h2>Meldt framdrift / <span lang=\"en\">Progress reported</span></h2><ul>{reported}</ul>"
               if reported else "")
    if measure.get("open"):
        choices = "".join(
            f'<p><label><input type="radio" name="progress" value="{code}" required> {_both(pair)}</label></p>'
            for code, pair in _PROGRESS.items())
        form = f"""<form method="post" action="{escape(action_url)}">
<fieldset><legend>Framdrift / <span lang="en">Progress</span></legend>{choices}</fieldset>
<p><label for="comment">Kommentar til koordinator (valgfritt) / <span lang="en">Comment for the coordinator
(optional)</span></label></p>
<p><textarea id="comment" name="comment" rows="4" maxlength="{COMMENT_MAX}" style="width: 100%; font: inherit">
</textarea></p>
<button type="submit" style="font-size: 1.1rem; padding: .6rem 1.2rem">Meld framdrift / Report progress</button>
</form>"""
    else:
        form = ("<p>Tiltaket er avsluttet eller har fått en annen eier. "
                '<span lang="en">The measure is closed or has another owner.</span></p>')
    return _page("Framdrift på tiltak / Progress on a measure", f"""{notice}
<p><strong>{escape(measure.get("title", ""))}</strong></p>
{about}
<p>Frist / <span lang="en">Due</span>: {escape(measure.get("due_date") or "–")}</p>
<p>Status: {_both(state)}</p>
{history}
{form}""", status)


def recorded(measure: dict, action_url: str) -> Response:
    return view(measure, action_url, "<p role=\"status\"><strong>Takk, framdriften er registrert. "
                                     "<span lang=\"en\">Thank you, your progress has been recorded.</span></strong></p>")


def refused(message: str, status: int) -> Response:
    return _page("Lenken virker ikke / The link does not work", f"<p>{escape(message)}</p>", status)
