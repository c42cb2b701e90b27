"""The commit-msg hook (.githooks/commit-msg): a subject of at most 72 characters, then a blank line."""
import subprocess
import sys

from shared.config import ROOT

HOOK = ROOT / ".githooks" / "commit-msg"


def refused(tmp_path, message: str) -> str | None:
    """The hook's complaint about the message, or None when it lets the commit through."""
    path = tmp_path / "COMMIT_EDITMSG"
    path.write_text(message, encoding="utf-8")
    run = subprocess.run([sys.executable, str(HOOK), str(path)], capture_output=True, text=True, timeout=30)
    return run.stderr if run.returncode else None


def test_a_subject_of_72_characters_and_a_body_after_a_blank_line_passes(tmp_path):
    subject = "Ø" * 72  # characters, not bytes: bokmål subjects are welcome
    assert refused(tmp_path, f"{subject}\n\nWhy, and the evidence.\n") is None
    assert refused(tmp_path, "Short subject\n") is None
    assert refused(tmp_path, "\n# Please enter the commit message\nShort subject\n# a comment\n\nBody\n") is None


def test_a_subject_longer_than_72_characters_is_refused_naming_its_length(tmp_path):
    complaint = refused(tmp_path, "x" * 73 + "\n\nBody\n")
    assert complaint and "73 characters; at most 72" in complaint


def test_a_body_that_follows_the_subject_without_a_blank_line_is_refused(tmp_path):
    complaint = refused(tmp_path, "Subject\nbody straight after\n")
    assert complaint and "blank line" in complaint


def test_the_hook_is_executable_and_make_hooks_points_git_at_it():
    assert HOOK.stat().st_mode & 0o111
    assert "git config core.hooksPath .githooks" in (ROOT / "Makefile").read_text()
