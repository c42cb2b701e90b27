"""`vern token` issues only tokens Vern accepts: a lifetime within the maximum, an agency of the directory,
and the role central only for the agency the directory marks central."""
import jwt
import pytest
import yaml

from vern_cli.main import main

SECRET = "k" * 40


@pytest.fixture
def config(tmp_path):
    directory = tmp_path / "directory.yaml"
    directory.write_text(yaml.safe_dump({"agencies": [{"code": "demo", "name": "Demo-etaten"},
                                                      {"code": "fin", "name": "Finans", "central": True}]}))
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"AMQP_URI": "amqp://guest:guest@127.0.0.1:5672/", "JWT_SECRET": SECRET,
                                    "DIRECTORY_FILE": str(directory)}))
    return str(path)


def token(config, capsys, *args):
    status = main(["--config", config, "token", "--sub", "u", *args])
    out, err = capsys.readouterr()
    return status, out.strip(), err


def lifetime(issued: str) -> int:
    claims = jwt.decode(issued, SECRET, algorithms=["HS256"])
    return claims["exp"] - claims["iat"]


def test_the_default_lifetime_is_eight_hours_and_twelve_the_most(config, capsys):
    status, issued, _ = token(config, capsys, "--roles", "pko", "--agency", "demo")
    assert status == 0 and lifetime(issued) == 8 * 3600
    status, issued, _ = token(config, capsys, "--roles", "pko", "--agency", "demo", "--ttl", str(12 * 3600))
    assert status == 0 and lifetime(issued) == 12 * 3600


def test_a_longer_ttl_is_refused_naming_the_maximum(config, capsys):
    status, issued, err = token(config, capsys, "--roles", "pko", "--agency", "demo", "--ttl", str(13 * 3600))
    assert status == 2 and issued == ""
    assert "JWT_MAX_LIFETIME_SECONDS (43200)" in err


def test_an_agency_outside_the_directory_and_central_outside_the_central_agency_are_refused(config, capsys):
    status, issued, err = token(config, capsys, "--roles", "pko", "--agency", "nosuch")
    assert (status, issued) == (2, "") and "Unknown agency 'nosuch'" in err and "Ukjent virksomhet" in err
    status, issued, err = token(config, capsys, "--roles", "central", "--agency", "demo")
    assert (status, issued) == (2, "") and "only for the central agency" in err
    status, issued, _ = token(config, capsys, "--roles", "central", "--agency", "fin")
    assert status == 0 and jwt.decode(issued, SECRET, algorithms=["HS256"])["agency"] == "fin"
